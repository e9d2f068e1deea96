"""The Inventory tab: stock on hand and its alerts."""
