"""negotiation and purchase orders: offers carry minimum order, price tiers, delivery term and
numbered revisions; requests a product kind and a delivery ward; purchase orders and their
deliveries

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-07 23:11:21.182720

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0018'
branch_labels = None
depends_on = None

DELIVERY_TERMS = ('warehouse', 'EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP')


def upgrade():
    op.create_table('offer_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('by_distributor', sa.Boolean(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('quantity_per_period', sa.BigInteger(), nullable=False),
    sa.Column('min_order_quantity', sa.BigInteger(), nullable=True),
    sa.Column('price_tiers', sa.JSON(), nullable=False),
    sa.Column('delivery_term', sa.Enum('warehouse', 'EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', name='delivery_term', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('quantity_per_period > 0', name=op.f('ck_offer_revisions_quantity_positive')),
    sa.CheckConstraint('unit_price > 0', name=op.f('ck_offer_revisions_price_positive')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_offer_revisions_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_revisions_offer_id_offers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offer_revisions')),
    sa.UniqueConstraint('offer_id', 'number', name='uq_offer_revisions_number')
    )
    with op.batch_alter_table('offer_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_revisions_offer_id'), ['offer_id'], unique=False)

    op.create_table('purchase_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('distributor_id', sa.Integer(), nullable=False),
    sa.Column('cooperative_id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=True),
    sa.Column('offer_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.Enum('kg', 't', 'l', 'box', 'bottle', 'bag', 'piece', name='supply_unit', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('delivery_term', sa.Enum('warehouse', 'EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', name='delivery_term', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('status', sa.Enum('open', 'completed', name='purchase_order_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('unit_price >= 0', name=op.f('ck_purchase_orders_price_not_negative')),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperatives.id'], name=op.f('fk_purchase_orders_cooperative_id_cooperatives')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_purchase_orders_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['distributor_id'], ['distributor_companies.id'], name=op.f('fk_purchase_orders_distributor_id_distributor_companies')),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_purchase_orders_offer_id_offers')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_purchase_orders_partnership_id_partnerships')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_orders'))
    )
    with op.batch_alter_table('purchase_orders', schema=None) as batch_op:
        batch_op.create_index('ix_purchase_orders_cooperative', ['cooperative_id', 'created_at'], unique=False)
        batch_op.create_index('ix_purchase_orders_distributor', ['distributor_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_orders_offer_id'), ['offer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_orders_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('purchase_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purchase_order_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.Enum('scheduled', 'shipped', 'received', name='purchase_delivery_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('shipped_at', sa.DateTime(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('quantity_received', sa.BigInteger(), nullable=True),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_purchase_deliveries_quantity_positive')),
    sa.CheckConstraint('quantity_received IS NULL OR quantity_received >= 0', name=op.f('ck_purchase_deliveries_received_not_negative')),
    sa.ForeignKeyConstraint(['purchase_order_id'], ['purchase_orders.id'], name=op.f('fk_purchase_deliveries_purchase_order_id_purchase_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_deliveries')),
    sa.UniqueConstraint('purchase_order_id', 'number', name='uq_purchase_deliveries_number')
    )
    with op.batch_alter_table('purchase_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_deliveries_purchase_order_id'), ['purchase_order_id'], unique=False)

    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('min_order_quantity', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('price_tiers', sa.JSON(), server_default='[]', nullable=False))
        # A plain string and its named CHECK (as the models' str_enum makes it): an Enum type
        # here would add a second, unnamed CHECK in SQLite's batch copy.
        batch_op.add_column(sa.Column('delivery_term', sa.String(length=32), server_default='warehouse', nullable=False))
        batch_op.create_check_constraint('delivery_term', sa.column('delivery_term').in_(DELIVERY_TERMS))
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('awaiting_cooperative', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('sourcing_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('delivery_ward_code', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('delivery_ward_name', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('product_kind', sa.String(length=40), nullable=True))

    # Offers made before negotiation: their terms are revision 1, put forward by the cooperative.
    op.execute(
        "INSERT INTO offer_revisions (offer_id, number, by_distributor, author_id, unit_price, quantity_per_period,"
        " price_tiers, delivery_term, lead_time_days, valid_until, message, created_at)"
        " SELECT id, 1, false, created_by_id, unit_price, quantity_per_period, '[]', 'warehouse', lead_time_days,"
        " valid_until, message, created_at FROM offers"
    )


def downgrade():
    with op.batch_alter_table('sourcing_requests', schema=None) as batch_op:
        batch_op.drop_column('product_kind')
        batch_op.drop_column('delivery_ward_name')
        batch_op.drop_column('delivery_ward_code')

    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_column('awaiting_cooperative')
        batch_op.drop_column('revision')
        batch_op.drop_constraint(op.f('ck_offers_delivery_term'), type_='check')
        batch_op.drop_column('delivery_term')
        batch_op.drop_column('price_tiers')
        batch_op.drop_column('min_order_quantity')

    with op.batch_alter_table('purchase_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_deliveries_purchase_order_id'))

    op.drop_table('purchase_deliveries')
    with op.batch_alter_table('purchase_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_orders_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_orders_offer_id'))
        batch_op.drop_index('ix_purchase_orders_distributor')
        batch_op.drop_index('ix_purchase_orders_cooperative')

    op.drop_table('purchase_orders')
    with op.batch_alter_table('offer_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_revisions_offer_id'))

    op.drop_table('offer_revisions')
