"""J&T Express as a carrier: the CHECK constraint of shipments.carrier takes 'jt_express'

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 12:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

OLD_CARRIERS = ('viettel_post', 'vnpost', 'ghn', 'ghtk', 'own')
NEW_CARRIERS = ('viettel_post', 'vnpost', 'ghn', 'ghtk', 'jt_express', 'own')


def _carrier_check(carriers):
    # SQLite cannot alter a CHECK constraint: batch mode copies the table.
    with op.batch_alter_table('shipments') as batch_op:
        batch_op.drop_constraint(op.f('ck_shipments_carrier'), type_='check')
        batch_op.create_check_constraint('carrier', sa.column('carrier').in_(carriers))


def upgrade():
    _carrier_check(NEW_CARRIERS)


def downgrade():
    op.execute("UPDATE shipments SET carrier = 'own' WHERE carrier = 'jt_express'")
    _carrier_check(OLD_CARRIERS)
