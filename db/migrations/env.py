"""Alembic environment: always run from code, with the connection handed over by db.migrate."""

from alembic import context

from db.base import Base
from db.models import *  # noqa: F403  (every model must be known to the metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
