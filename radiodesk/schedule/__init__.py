"""The schedule job."""
