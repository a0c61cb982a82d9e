"""Lots and traceability: lots (a product's production lots with a public code), lot_steps,
lot_revisions (corrections after the first scan), lot_scan_days (scans counted per day);
GlobalG.A.P. as a certification a cooperative declares

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08 00:00:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

OLD_KINDS = ('ocop', 'vietgap', 'haccp', 'iso22000', 'organic', 'fda')
NEW_KINDS = ('ocop', 'vietgap', 'globalgap', 'haccp', 'iso22000', 'organic', 'fda')


def _kind_check(kinds):
    # SQLite cannot alter a CHECK constraint: batch mode copies the table.
    with op.batch_alter_table('cooperative_certifications') as batch_op:
        batch_op.drop_constraint(op.f('ck_cooperative_certifications_certification_kind'), type_='check')
        batch_op.create_check_constraint('certification_kind', sa.column('kind').in_(kinds))


def upgrade():
    op.create_table(
        'lots',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=16), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('cooperative_id', sa.Integer(), nullable=False),
        sa.Column('lot_code', sa.String(length=64), nullable=False),
        sa.Column('produced_on', sa.Date(), nullable=False),
        sa.Column('best_before', sa.Date(), nullable=False),
        sa.Column('quantity', sa.Integer(), nullable=False),
        sa.Column('unit', sa.String(length=60), nullable=False),
        sa.Column('origin_text', sa.String(length=300), nullable=False),
        sa.Column('origin_province_code', sa.Integer(), nullable=True),
        sa.Column('origin_ward_code', sa.Integer(), nullable=True),
        sa.Column('origin_place_name', sa.String(length=200), nullable=False),
        sa.Column('origin_cooperative_id', sa.Integer(), nullable=True),
        sa.Column('scans', sa.Integer(), server_default='0', nullable=False),
        sa.Column('first_scanned_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('quantity > 0', name=op.f('ck_lots_quantity_positive')),
        sa.CheckConstraint('best_before >= produced_on', name=op.f('ck_lots_best_before_after_production')),
        sa.CheckConstraint('scans >= 0', name=op.f('ck_lots_scans_not_negative')),
        sa.ForeignKeyConstraint(['cooperative_id'], ['cooperatives.id'], name=op.f('fk_lots_cooperative_id_cooperatives')),
        sa.ForeignKeyConstraint(['origin_cooperative_id'], ['cooperatives.id'],
                                name=op.f('fk_lots_origin_cooperative_id_cooperatives'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_lots_product_id_products'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lots')),
        sa.UniqueConstraint('code', name=op.f('uq_lots_code')),
        sa.UniqueConstraint('product_id', 'lot_code', name=op.f('uq_lots_product_id')),
    )
    op.create_index(op.f('ix_lots_cooperative_id'), 'lots', ['cooperative_id'], unique=False)
    op.create_index(op.f('ix_lots_product_id'), 'lots', ['product_id'], unique=False)
    op.create_table(
        'lot_steps',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('lot_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('done_on', sa.Date(), nullable=False),
        sa.Column('description', sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(['lot_id'], ['lots.id'], name=op.f('fk_lot_steps_lot_id_lots'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lot_steps')),
    )
    op.create_index(op.f('ix_lot_steps_lot_id'), 'lot_steps', ['lot_id'], unique=False)
    op.create_table(
        'lot_revisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('lot_id', sa.Integer(), nullable=False),
        sa.Column('changed_by_id', sa.Integer(), nullable=True),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.Column('changes', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_lot_revisions_changed_by_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['lot_id'], ['lots.id'], name=op.f('fk_lot_revisions_lot_id_lots'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lot_revisions')),
    )
    op.create_index(op.f('ix_lot_revisions_lot_id'), 'lot_revisions', ['lot_id'], unique=False)
    op.create_table(
        'lot_scan_days',
        sa.Column('lot_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('scans', sa.Integer(), nullable=False),
        sa.CheckConstraint('scans > 0', name=op.f('ck_lot_scan_days_scans_positive')),
        sa.ForeignKeyConstraint(['lot_id'], ['lots.id'], name=op.f('fk_lot_scan_days_lot_id_lots'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('lot_id', 'day', name=op.f('pk_lot_scan_days')),
    )
    _kind_check(NEW_KINDS)


def downgrade():
    op.execute("DELETE FROM cooperative_certifications WHERE kind = 'globalgap'")
    _kind_check(OLD_KINDS)
    op.drop_table('lot_scan_days')
    op.drop_index(op.f('ix_lot_revisions_lot_id'), table_name='lot_revisions')
    op.drop_table('lot_revisions')
    op.drop_index(op.f('ix_lot_steps_lot_id'), table_name='lot_steps')
    op.drop_table('lot_steps')
    op.drop_index(op.f('ix_lots_product_id'), table_name='lots')
    op.drop_index(op.f('ix_lots_cooperative_id'), table_name='lots')
    op.drop_table('lots')
