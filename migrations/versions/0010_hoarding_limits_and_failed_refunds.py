"""hoarding limits and failed refunds: cooperatives.max_units_per_order (units of one product
per order, default 20); two ledger kinds that reverse the entries of a refund Stripe reported
failed (refund_reversal +, commission_reversal −)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 10:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

OLD_KINDS = ('sale_credit', 'commission_debit', 'shipping_credit', 'refund_debit', 'commission_return', 'payout_debit')
NEW_KINDS = OLD_KINDS + ('refund_reversal', 'commission_reversal')
OLD_SIGNS = ("(kind IN ('sale_credit', 'shipping_credit', 'commission_return') AND amount_vnd > 0)"
             " OR (kind IN ('commission_debit', 'refund_debit', 'payout_debit') AND amount_vnd < 0)")
NEW_SIGNS = ("(kind IN ('sale_credit', 'shipping_credit', 'commission_return', 'refund_reversal') AND amount_vnd > 0)"
             " OR (kind IN ('commission_debit', 'refund_debit', 'payout_debit', 'commission_reversal')"
             " AND amount_vnd < 0)")


def _ledger_checks(kinds, signs):
    # SQLite cannot alter a CHECK constraint: batch mode copies the table.
    with op.batch_alter_table('ledger_entries', recreate='always') as batch_op:
        batch_op.drop_constraint(op.f('ck_ledger_entries_ledger_kind'), type_='check')
        batch_op.drop_constraint(op.f('ck_ledger_entries_sign_follows_kind'), type_='check')
        batch_op.create_check_constraint('ledger_kind', sa.column('kind').in_(kinds))
        batch_op.create_check_constraint('sign_follows_kind', sa.text(signs))


def upgrade():
    with op.batch_alter_table('cooperatives', schema=None) as batch_op:
        batch_op.add_column(sa.Column('max_units_per_order', sa.Integer(), server_default='20', nullable=False))
    _ledger_checks(NEW_KINDS, NEW_SIGNS)


def downgrade():
    op.execute("DELETE FROM ledger_entries WHERE kind IN ('refund_reversal', 'commission_reversal')")
    _ledger_checks(OLD_KINDS, OLD_SIGNS)
    with op.batch_alter_table('cooperatives', schema=None) as batch_op:
        batch_op.drop_column('max_units_per_order')
