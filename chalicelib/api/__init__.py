"""Route declarations, one module per path family (see app.py for the table); app.py registers them all."""
