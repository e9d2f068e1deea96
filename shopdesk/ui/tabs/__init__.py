"""Main-window tabs, one folder each. A tab exists only once its area is built."""
