"""Alembic migrations of the registry (run by ``registry.db.upgrade``)."""
