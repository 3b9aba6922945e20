"""The interviews job."""
