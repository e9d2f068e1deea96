"""The Audit log tab: every change, who made it, before and after."""
