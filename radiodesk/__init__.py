"""radiodesk: desk software for a public-service radio station."""

__version__ = "0.1.0"
