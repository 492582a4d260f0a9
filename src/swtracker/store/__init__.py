"""Storage: SQLModel tables, engine and URL resolution, migrations, and query helpers that take a session."""
