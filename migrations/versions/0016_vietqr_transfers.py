"""VietQR bank transfers through payOS: 'vietqr' as a payment (and refund) method;
bank_transfers (the QR payload, account and memo of each payment link); transfers_to_match
(transfers that did not pay their order exactly, for an admin to resolve)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-08 00:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

OLD_METHODS = ('cod', 'card')
NEW_METHODS = ('cod', 'card', 'vietqr')


def _method_checks(methods):
    # SQLite cannot alter a CHECK constraint: batch mode copies the table.
    for table, name in (('orders', 'payment_method'), ('refunds', 'refund_method')):
        column = 'payment_method' if table == 'orders' else 'method'
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f'ck_{table}_{name}'), type_='check')
            batch_op.create_check_constraint(name, sa.column(column).in_(methods))


def upgrade():
    _method_checks(NEW_METHODS)
    op.create_table(
        'bank_transfers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('payment_id', sa.Integer(), nullable=False),
        sa.Column('order_code', sa.BigInteger(), nullable=False),
        sa.Column('qr_code', sa.Text(), nullable=False),
        sa.Column('bank_bin', sa.String(length=20), nullable=False),
        sa.Column('account_number', sa.String(length=40), nullable=False),
        sa.Column('account_name', sa.String(length=200), nullable=False),
        sa.Column('memo', sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_bank_transfers_payment_id_payments')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_transfers')),
        sa.UniqueConstraint('order_code', name=op.f('uq_bank_transfers_order_code')),
        sa.UniqueConstraint('payment_id', name=op.f('uq_bank_transfers_payment_id')),
    )
    op.create_table(
        'transfers_to_match',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reference', sa.String(length=100), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('payment_id', sa.Integer(), nullable=False),
        sa.Column('amount_vnd', sa.BigInteger(), nullable=False),
        sa.Column('expected_vnd', sa.BigInteger(), nullable=False),
        sa.Column('reason', sa.Enum('underpaid', 'overpaid', 'late', name='match_reason', native_enum=False,
                                    create_constraint=True, length=32), nullable=False),
        sa.Column('status', sa.Enum('open', 'accepted', 'refund_owed', name='match_status', native_enum=False,
                                    create_constraint=True, length=32), nullable=False),
        sa.Column('note', sa.String(length=500), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.Column('resolved_at', sa.DateTime(), nullable=True),
        sa.Column('resolved_by_id', sa.Integer(), nullable=True),
        sa.CheckConstraint('amount_vnd > 0', name=op.f('ck_transfers_to_match_amount_positive')),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_transfers_to_match_order_id_orders')),
        sa.ForeignKeyConstraint(['payment_id'], ['payments.id'], name=op.f('fk_transfers_to_match_payment_id_payments')),
        sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'],
                                name=op.f('fk_transfers_to_match_resolved_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_transfers_to_match')),
        sa.UniqueConstraint('reference', name=op.f('uq_transfers_to_match_reference')),
    )
    with op.batch_alter_table('transfers_to_match') as batch_op:
        batch_op.create_index(batch_op.f('ix_transfers_to_match_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfers_to_match_payment_id'), ['payment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfers_to_match_status'), ['status'], unique=False)


def downgrade():
    op.drop_table('transfers_to_match')
    op.drop_table('bank_transfers')
    # The old constraint has no word for transfers: a prepaid order reads as card, a refund
    # handed back by bank as one made by hand.
    op.execute("UPDATE refunds SET method = 'cod' WHERE method = 'vietqr'")
    op.execute("UPDATE orders SET payment_method = 'card' WHERE payment_method = 'vietqr'")
    _method_checks(OLD_METHODS)
