"""The search job."""
