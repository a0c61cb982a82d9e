"""value chain: distributor profiles, sourcing requests, offers and their threads,
partnerships, cooperatives' certifications and capacity, match notifications

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 03:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    # Distributor companies get their public profile; existing rows start empty.
    with op.batch_alter_table("distributor_companies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("contact_name", sa.String(length=100), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("contact_phone", sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("contact_email", sa.String(length=254), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("website", sa.String(length=200), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("market_provinces", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("export_countries", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("groups_sought", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("certifications_required", sa.JSON(), nullable=False, server_default="[]"))

    op.create_table('cooperative_certifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cooperative_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('ocop', 'vietgap', 'haccp', 'iso22000', 'organic', 'fda', name='certification_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperatives.id'], name=op.f('fk_cooperative_certifications_cooperative_id_cooperatives'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cooperative_certifications'))
    )

    with op.batch_alter_table('cooperative_certifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cooperative_certifications_cooperative_id'), ['cooperative_id'], unique=False)

    op.create_table('sourcing_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('distributor_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('specification', sa.Text(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.Enum('kg', 't', 'l', 'box', 'bottle', 'bag', 'piece', name='supply_unit', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('frequency', sa.Enum('one_off', 'monthly', 'quarterly', 'seasonal', name='supply_frequency', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('target_price_min', sa.BigInteger(), nullable=True),
    sa.Column('target_price_max', sa.BigInteger(), nullable=True),
    sa.Column('min_stars', sa.Integer(), nullable=False),
    sa.Column('certifications', sa.JSON(), nullable=False),
    sa.Column('packaging', sa.String(length=200), nullable=False),
    sa.Column('delivery_term', sa.Enum('warehouse', 'EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', name='delivery_term', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('delivery_province_code', sa.Integer(), nullable=False),
    sa.Column('delivery_province_name', sa.String(length=100), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'open', 'closed', 'awarded', name='request_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('min_stars BETWEEN 1 AND 5', name=op.f('ck_sourcing_requests_min_stars_range')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_sourcing_requests_quantity_positive')),
    sa.CheckConstraint('target_price_min IS NULL OR target_price_max IS NULL OR target_price_min <= target_price_max', name=op.f('ck_sourcing_requests_price_range_order')),
    sa.CheckConstraint('target_price_min IS NULL OR target_price_min >= 0', name=op.f('ck_sourcing_requests_price_min_not_negative')),
    sa.ForeignKeyConstraint(['category_id'], ['ocop_categories.id'], name=op.f('fk_sourcing_requests_category_id_ocop_categories')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_sourcing_requests_created_by_id_users')),
    sa.ForeignKeyConstraint(['distributor_id'], ['distributor_companies.id'], name=op.f('fk_sourcing_requests_distributor_id_distributor_companies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sourcing_requests'))
    )

    with op.batch_alter_table('sourcing_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sourcing_requests_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sourcing_requests_distributor_id'), ['distributor_id'], unique=False)
        batch_op.create_index('ix_sourcing_requests_status_deadline', ['status', 'deadline'], unique=False)

    op.create_table('match_notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('cooperative_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('notified_at', sa.DateTime(), nullable=False),
    sa.Column('emailed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperatives.id'], name=op.f('fk_match_notifications_cooperative_id_cooperatives'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['sourcing_requests.id'], name=op.f('fk_match_notifications_request_id_sourcing_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_match_notifications')),
    sa.UniqueConstraint('request_id', 'cooperative_id', name='uq_match_notifications_pair')
    )

    with op.batch_alter_table('match_notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_match_notifications_cooperative_id'), ['cooperative_id'], unique=False)

    op.create_table('offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('cooperative_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('quantity_per_period', sa.BigInteger(), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=False),
    sa.Column('sample_available', sa.Boolean(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('show_if_accepted', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'shortlisted', 'accepted', 'declined', 'withdrawn', name='offer_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('lead_time_days >= 0', name=op.f('ck_offers_lead_time_not_negative')),
    sa.CheckConstraint('quantity_per_period > 0', name=op.f('ck_offers_quantity_positive')),
    sa.CheckConstraint('unit_price > 0', name=op.f('ck_offers_price_positive')),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperatives.id'], name=op.f('fk_offers_cooperative_id_cooperatives')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_offers_created_by_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['sourcing_requests.id'], name=op.f('fk_offers_request_id_sourcing_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offers'))
    )

    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offers_cooperative_id'), ['cooperative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offers_request_id'), ['request_id'], unique=False)
        batch_op.create_index('uq_offers_live_per_cooperative', ['request_id', 'cooperative_id'], unique=True, sqlite_where=sa.text("status IN ('submitted', 'shortlisted', 'accepted')"), postgresql_where=sa.text("status IN ('submitted', 'shortlisted', 'accepted')"))

    op.create_table('product_capacities',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('monthly_quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.Enum('kg', 't', 'l', 'box', 'bottle', 'bag', 'piece', name='supply_unit', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('monthly_quantity > 0', name=op.f('ck_product_capacities_quantity_positive')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_capacities_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_capacities'))
    )

    op.create_table('offer_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('from_distributor', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_offer_messages_author_id_users')),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_messages_offer_id_offers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offer_messages'))
    )

    with op.batch_alter_table('offer_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_messages_offer_id'), ['offer_id'], unique=False)

    op.create_table('offer_products',
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_offer_products_offer_id_offers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_offer_products_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('offer_id', 'product_id', name=op.f('pk_offer_products'))
    )

    op.create_table('partnerships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('distributor_id', sa.Integer(), nullable=False),
    sa.Column('cooperative_id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=True),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.Enum('kg', 't', 'l', 'box', 'bottle', 'bag', 'piece', name='supply_unit', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('volume_per_period', sa.BigInteger(), nullable=False),
    sa.Column('frequency', sa.Enum('one_off', 'monthly', 'quarterly', 'seasonal', name='supply_frequency', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'active', 'declined', 'ended', name='partnership_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('shown_by_distributor', sa.Boolean(), nullable=False),
    sa.Column('shown_by_cooperative', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('activated_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('ends_on IS NULL OR ends_on >= starts_on', name=op.f('ck_partnerships_end_after_start')),
    sa.CheckConstraint('unit_price >= 0', name=op.f('ck_partnerships_price_not_negative')),
    sa.CheckConstraint('volume_per_period > 0', name=op.f('ck_partnerships_volume_positive')),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperatives.id'], name=op.f('fk_partnerships_cooperative_id_cooperatives')),
    sa.ForeignKeyConstraint(['distributor_id'], ['distributor_companies.id'], name=op.f('fk_partnerships_distributor_id_distributor_companies')),
    sa.ForeignKeyConstraint(['offer_id'], ['offers.id'], name=op.f('fk_partnerships_offer_id_offers')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_partnerships_proposed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnerships')),
    sa.UniqueConstraint('offer_id', name=op.f('uq_partnerships_offer_id'))
    )

    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnerships_cooperative_id'), ['cooperative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnerships_distributor_id'), ['distributor_id'], unique=False)
        batch_op.create_index('ix_partnerships_status', ['status'], unique=False)

    op.create_table('partnership_products',
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_partnership_products_partnership_id_partnerships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_partnership_products_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('partnership_id', 'product_id', name=op.f('pk_partnership_products'))
    )


def downgrade():
    for table in ("partnership_products", "partnerships", "offer_products", "offer_messages",
                  "product_capacities", "offers", "match_notifications", "sourcing_requests",
                  "cooperative_certifications"):
        op.drop_table(table)
    with op.batch_alter_table("distributor_companies", schema=None) as batch_op:
        for column in ("certifications_required", "groups_sought", "export_countries", "market_provinces",
                       "website", "contact_email", "contact_phone", "contact_name", "description"):
            batch_op.drop_column(column)
