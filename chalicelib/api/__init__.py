"""Route declarations, one blueprint per area; app.py registers them all."""
