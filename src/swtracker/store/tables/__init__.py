"""One module per table; store/models.py is where the rest of swtracker takes them from."""
