"""The publish job."""
