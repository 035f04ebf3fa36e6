"""The scratch database of bench.document_facets: created here, filled by
`manage.py seed_legal_archive` (demo/bulk/legal_archive.py), which the benchmark calls by name,
as bench.run calls `seed_bulk`: the bench, like every package outside `demo/`, imports no demo
code."""

from urllib.parse import urlsplit, urlunsplit


def create_database(url, rebuild):
    """Create the database `url` names, unless it exists and is not to be rebuilt."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and rebuild:
            connection.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
        if not exists or rebuild:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
