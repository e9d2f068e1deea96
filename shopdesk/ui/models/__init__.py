"""Qt table models over services."""
