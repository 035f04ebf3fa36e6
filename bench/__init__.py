"""`make bench`: the portal under gunicorn with production settings, against two floors."""
