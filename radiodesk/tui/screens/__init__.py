"""The desk's screens, one per job: On Air, Schedule, Guests, Archive, Publish, Follow-ups."""
