"""Alembic environment: runs on the connection swtracker hands over (see store/schema.py)."""

from alembic import context
from sqlmodel import SQLModel

from swtracker.store.models import compared_with_migrations, define_all

define_all()  # every table on SQLModel.metadata, which autogenerate compares with the database

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_object=compared_with_migrations,
)
with context.begin_transaction():
    context.run_migrations()
