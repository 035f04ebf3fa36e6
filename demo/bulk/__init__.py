"""A ten-year archive in bulk for `manage.py seed_bulk`: one module per desk (news, policy), the
tree writer (tree) and the batch loop (runner)."""
