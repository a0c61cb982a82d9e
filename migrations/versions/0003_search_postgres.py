"""search: PostgreSQL full-text search objects (SEARCH_BACKEND=postgres)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 02:10:00

On PostgreSQL: the unaccent and pg_trgm extensions, the search_fold() folding function, the
search_documents table with its GIN index, and the search_words vocabulary. Fill them with
`flask --app wsgi search reindex`. Nothing on SQLite (the Whoosh backend keeps its index in
SEARCH_INDEX_DIR). The app creates the same objects for tests in
marketplace/search/backends/postgres.py (DDL); this revision is their history.
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UPGRADE = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE OR REPLACE FUNCTION search_fold(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary,
                                          translate(normalize($1, NFC), 'đĐ', 'dD'))) $$""",
    """CREATE TABLE search_documents (
           kind varchar(12) NOT NULL,
           ref_id integer NOT NULL,
           hint integer NOT NULL DEFAULT 0,
           folded tsvector NOT NULL,
           exact tsvector NOT NULL,
           expanded tsvector NOT NULL,
           names tsvector NOT NULL,
           category_id integer,
           group_code varchar(16),
           cooperative_id integer,
           district varchar(32),
           price bigint NOT NULL DEFAULT 0,
           in_stock boolean NOT NULL DEFAULT false,
           created_at timestamp,
           stars integer,
           stale_from date,
           CONSTRAINT pk_search_documents PRIMARY KEY (kind, ref_id))""",
    "CREATE INDEX ix_search_documents_folded ON search_documents USING gin (folded)",
    "CREATE INDEX ix_search_documents_expanded ON search_documents USING gin (expanded)",
    "CREATE INDEX ix_search_documents_names ON search_documents USING gin (names)",
    "CREATE INDEX ix_search_documents_stale_from ON search_documents (stale_from)",
    "CREATE INDEX ix_search_documents_hint ON search_documents (kind, hint DESC, ref_id DESC)",
    'CREATE TABLE search_words (word text COLLATE "C" NOT NULL CONSTRAINT pk_search_words PRIMARY KEY)',
    # On lower(word), always equal to word: equality lookups then keep the primary key.
    "CREATE INDEX ix_search_words_trigram ON search_words USING gin (lower(word) gin_trgm_ops)",
)

DOWNGRADE = (
    "DROP TABLE IF EXISTS search_words",
    "DROP TABLE IF EXISTS search_documents",
    "DROP FUNCTION IF EXISTS search_fold(text)",
)


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in UPGRADE:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in DOWNGRADE:
        op.execute(statement)
