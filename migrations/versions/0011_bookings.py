"""bookings: services of OCOP group 6 are booked for a date. bookable_services (booking kind
and capacity per day of a product), booking_days (what is booked on a day, the day's own
capacity); the booking's first day and nights on cart and order lines; shipments.is_booking
(a cooperative's bookings are a part of their own, so the unique key gains it); an order of
bookings only has no province or ward

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-09 10:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'bookable_services',
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('stay', 'tour', name='booking_kind', native_enum=False, create_constraint=True,
                                  length=32), nullable=False),
        sa.Column('daily_capacity', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('daily_capacity >= 0', name=op.f('ck_bookable_services_capacity_not_negative')),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_bookable_services_product_id_products'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('product_id', name=op.f('pk_bookable_services')),
    )
    op.create_table(
        'booking_days',
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('booked', sa.Integer(), nullable=False),
        sa.Column('capacity', sa.Integer(), nullable=True),
        sa.CheckConstraint('booked >= 0', name=op.f('ck_booking_days_booked_not_negative')),
        sa.CheckConstraint('capacity IS NULL OR capacity >= 0', name=op.f('ck_booking_days_capacity_not_negative')),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_booking_days_product_id_products'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('product_id', 'day', name=op.f('pk_booking_days')),
    )
    for table in ('cart_lines', 'order_lines'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('booking_date', sa.Date(), nullable=True))
            batch_op.add_column(sa.Column('nights', sa.Integer(), nullable=True))
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_booking', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.drop_constraint('uq_shipments_order_cooperative', type_='unique')
        batch_op.create_unique_constraint('uq_shipments_order_cooperative', ['order_id', 'cooperative_id', 'is_booking'])
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.alter_column('province_code', existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column('ward_code', existing_type=sa.Integer(), nullable=True)


def downgrade():
    # Orders of bookings only have no address to restore: they cannot go back.
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.alter_column('ward_code', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('province_code', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.drop_constraint('uq_shipments_order_cooperative', type_='unique')
        batch_op.create_unique_constraint('uq_shipments_order_cooperative', ['order_id', 'cooperative_id'])
        batch_op.drop_column('is_booking')
    for table in ('order_lines', 'cart_lines'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('nights')
            batch_op.drop_column('booking_date')
    op.drop_table('booking_days')
    op.drop_table('bookable_services')
