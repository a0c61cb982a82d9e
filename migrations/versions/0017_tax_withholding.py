"""tax withholding (Decree 117/2025/NĐ-CP): the cooperatives' tax profile (tax code, citizen
ID; 'individual' as an entity kind), the withholding_rates table loaded with the decree's
rates, and the ledger's tax entries (VAT and PIT withheld, given back; the revenue taxed)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08 23:30:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

OLD_ENTITY_KINDS = ('cooperative', 'cooperative_group', 'enterprise', 'household')
NEW_ENTITY_KINDS = OLD_ENTITY_KINDS + ('individual',)
OLD_KINDS = ('sale_credit', 'commission_debit', 'shipping_credit', 'refund_debit', 'commission_return', 'payout_debit',
             'refund_reversal', 'commission_reversal')
NEW_KINDS = OLD_KINDS + ('vat_withheld', 'pit_withheld', 'vat_returned', 'pit_returned')
OLD_SIGNS = ("(kind IN ('sale_credit', 'shipping_credit', 'commission_return', 'refund_reversal') AND amount_vnd > 0)"
             " OR (kind IN ('commission_debit', 'refund_debit', 'payout_debit', 'commission_reversal')"
             " AND amount_vnd < 0)")
NEW_SIGNS = ("(kind IN ('sale_credit', 'shipping_credit', 'commission_return', 'refund_reversal', 'vat_returned',"
             " 'pit_returned') AND amount_vnd > 0)"
             " OR (kind IN ('commission_debit', 'refund_debit', 'payout_debit', 'commission_reversal', 'vat_withheld',"
             " 'pit_withheld') AND amount_vnd < 0)")
TAXABLE_KINDS = ('goods', 'services', 'transport')


def _taxable_kind():
    return sa.Enum(*TAXABLE_KINDS, name='taxable_kind', native_enum=False, create_constraint=True, length=32)


def upgrade():
    # SQLite cannot alter a CHECK constraint: batch mode copies the table.
    with op.batch_alter_table('cooperatives') as batch_op:
        batch_op.add_column(sa.Column('tax_code', sa.String(length=14), server_default='', nullable=False))
        batch_op.add_column(sa.Column('personal_id', sa.String(length=12), server_default='', nullable=False))
        batch_op.drop_constraint(op.f('ck_cooperatives_entity_kind'), type_='check')
        batch_op.create_check_constraint('entity_kind', sa.column('kind').in_(NEW_ENTITY_KINDS))
    rates = op.create_table('withholding_rates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('taxable_kind', _taxable_kind(), nullable=False),
    sa.Column('vat_rate', sa.Numeric(precision=6, scale=4), nullable=False),
    sa.Column('pit_rate', sa.Numeric(precision=6, scale=4), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('decree', sa.String(length=100), nullable=False),
    sa.CheckConstraint('vat_rate >= 0 AND vat_rate < 1 AND pit_rate >= 0 AND pit_rate < 1',
                       name=op.f('ck_withholding_rates_rates_fractions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_withholding_rates')),
    sa.UniqueConstraint('taxable_kind', 'effective_from', name='uq_withholding_rates_kind_from')
    )
    from marketplace.payments.withholding import RATES

    op.bulk_insert(rates, [
        {"taxable_kind": kind.value, "vat_rate": vat, "pit_rate": pit, "effective_from": effective_from,
         "decree": decree}
        for kind, vat, pit, effective_from, decree in RATES
    ])
    with op.batch_alter_table('ledger_entries', recreate='always') as batch_op:
        # A plain column and a named CHECK: an Enum added in batch mode would name its check oddly.
        batch_op.add_column(sa.Column('taxable_kind', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('taxable_vnd', sa.BigInteger(), nullable=True))
        batch_op.create_check_constraint('taxable_kind', sa.column('taxable_kind').in_(TAXABLE_KINDS))
        _ledger_checks(batch_op, NEW_KINDS, NEW_SIGNS)


def _ledger_checks(batch_op, kinds, signs):
    batch_op.drop_constraint(op.f('ck_ledger_entries_ledger_kind'), type_='check')
    batch_op.drop_constraint(op.f('ck_ledger_entries_sign_follows_kind'), type_='check')
    batch_op.create_check_constraint('ledger_kind', sa.column('kind').in_(kinds))
    batch_op.create_check_constraint('sign_follows_kind', sa.text(signs))


def downgrade():
    op.execute("DELETE FROM ledger_entries WHERE kind IN ('vat_withheld', 'pit_withheld', 'vat_returned',"
               " 'pit_returned')")
    with op.batch_alter_table('ledger_entries', recreate='always') as batch_op:
        _ledger_checks(batch_op, OLD_KINDS, OLD_SIGNS)
        batch_op.drop_constraint(op.f('ck_ledger_entries_taxable_kind'), type_='check')
    with op.batch_alter_table('ledger_entries', recreate='always') as batch_op:
        batch_op.drop_column('taxable_vnd')
        batch_op.drop_column('taxable_kind')
    op.drop_table('withholding_rates')
    op.execute("UPDATE cooperatives SET kind = 'household' WHERE kind = 'individual'")
    with op.batch_alter_table('cooperatives') as batch_op:
        batch_op.drop_constraint(op.f('ck_cooperatives_entity_kind'), type_='check')
        batch_op.create_check_constraint('entity_kind', sa.column('kind').in_(OLD_ENTITY_KINDS))
        batch_op.drop_column('personal_id')
        batch_op.drop_column('tax_code')
