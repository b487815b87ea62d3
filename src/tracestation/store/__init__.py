"""The station's database: SQLAlchemy 2.0 tables, Alembic migrations, the journal and readers."""
