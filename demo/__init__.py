"""Demo and bulk content, one module per desk: `newsroom`, `media` (drawn photos, encoded audio
and video) and `policy_pages`, each with its prose in `<desk>_data`; `bulk` grows the demo into a
ten-year archive. Imports point one way: this package may use every app, and no app uses it."""
