"""wholesale prices (quantity breaks of a product for approved distributors) and API keys of
distributor companies (sha256 of the token, scopes, own rate limit)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-08 00:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'wholesale_prices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('min_quantity', sa.Integer(), nullable=False),
        sa.Column('price_vnd', sa.BigInteger(), nullable=False),
        sa.CheckConstraint('min_quantity >= 2', name=op.f('ck_wholesale_prices_min_quantity_above_one')),
        sa.CheckConstraint('price_vnd > 0', name=op.f('ck_wholesale_prices_price_positive')),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_wholesale_prices_product_id_products'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wholesale_prices')),
        sa.UniqueConstraint('product_id', 'min_quantity', name=op.f('uq_wholesale_prices_product_id')),
    )
    with op.batch_alter_table('wholesale_prices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wholesale_prices_product_id'), ['product_id'], unique=False)
    op.create_table(
        'api_keys',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('distributor_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('prefix', sa.String(length=16), nullable=False),
        sa.Column('key_hash', sa.String(length=64), nullable=False),
        sa.Column('scopes', sa.JSON(), nullable=False),
        sa.Column('rate_per_minute', sa.Integer(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('last_used_at', sa.DateTime(), nullable=True),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.CheckConstraint('rate_per_minute > 0', name=op.f('ck_api_keys_rate_positive')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_api_keys_created_by_id_users')),
        sa.ForeignKeyConstraint(['distributor_id'], ['distributor_companies.id'],
                                name=op.f('fk_api_keys_distributor_id_distributor_companies')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_api_keys')),
        sa.UniqueConstraint('key_hash', name=op.f('uq_api_keys_key_hash')),
    )
    with op.batch_alter_table('api_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_keys_distributor_id'), ['distributor_id'], unique=False)


def downgrade():
    op.drop_table('api_keys')
    op.drop_table('wholesale_prices')
