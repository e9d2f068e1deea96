"""The Meetings tab."""
