"""The Imports tab: the import history (數據源清單), new imports and undo."""
