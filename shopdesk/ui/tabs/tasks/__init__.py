"""The Tasks tab: optimisation tasks with owners, helpers, due dates and status."""
