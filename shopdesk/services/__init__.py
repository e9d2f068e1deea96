"""Services: the use cases the UI and the command line share.

Each service loads from the store, calls the domain and returns plain results;
the GUI runs the same functions in a worker, the CLI calls them directly.
Imports domain and store; never Qt, never the UI.
"""
