"""The certificate each product shows, stored on the product (catalog/shown.py)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 23:40:00

Left empty here: until `flask certificates refresh-shown` (also run daily by the scheduler and
by `seed-demo`) fills them, pages compute the choice per product as before.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('products') as batch_op:
        batch_op.add_column(sa.Column('shown_certificate_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('shown_through', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('shown_stars', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_index('ix_products_shown_order', ['shown_stars', 'created_at', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('products') as batch_op:
        batch_op.drop_index('ix_products_shown_order')
        batch_op.drop_column('shown_stars')
        batch_op.drop_column('shown_through')
        batch_op.drop_column('shown_certificate_id')
