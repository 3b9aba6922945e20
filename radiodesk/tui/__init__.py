"""The studio desk: Textual screens. Only this package imports textual."""
