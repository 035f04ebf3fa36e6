"""A draft as structured text: the units of Vietnamese legal drafting, read from a .docx or from
pasted text (parse.py), matched across versions (matching.py) and compared word by word
(diff.py). Nothing here touches the database: the models in ..models.drafts store what these
modules compute, so each piece is tested on plain trees.

Imports point one way: tree <- parse, matching, diff.
"""
