"""The search change feed: each machine's Whoosh index applies what the others committed

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 00:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'search_changes',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('ref_id', sa.Integer(), nullable=False),
        sa.Column('origin', sa.String(length=40), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_changes')),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_search_changes_created_at', 'search_changes', ['created_at'], unique=False)


def downgrade():
    op.drop_index('ix_search_changes_created_at', table_name='search_changes')
    op.drop_table('search_changes')
