"""Warta's data layer: models, engine, transactions, migrations and queries.

Never imports Qt. Dialect-specific SQL (full-text search) lives in
``database.fts`` alone; everything else is portable SQLAlchemy.
"""
