"""portal and certificate review: certificate scans, submitters and reviewers, the superseded
state, the council's decision history, stock changes, cooperative profile photos

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 02:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _review_status(*extra):
    return sa.Enum("pending", "approved", "rejected", *extra, name="review_status", native_enum=False,
                   create_constraint=True, length=32)


def upgrade():
    # A replaced certificate leaves "approved" for "superseded": the CHECK of the column changes.
    with op.batch_alter_table("ocop_certificates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scan_file", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("submitted_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("replaced_by_id", sa.Integer(), nullable=True))
        batch_op.alter_column("review_status", existing_type=_review_status(), type_=_review_status("superseded"),
                              existing_nullable=False)
        batch_op.create_foreign_key(batch_op.f("fk_ocop_certificates_submitted_by_id_users"), "users",
                                    ["submitted_by_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_ocop_certificates_reviewed_by_id_users"), "users",
                                    ["reviewed_by_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_ocop_certificates_replaced_by_id_ocop_certificates"),
                                    "ocop_certificates", ["replaced_by_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index("ix_ocop_certificates_review_queue", ["review_status", "created_at"], unique=False)

    op.create_table(
        "certificate_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("decision", sa.Enum("approved", "rejected", name="review_decision", native_enum=False,
                                      create_constraint=True, length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["certificate_id"], ["ocop_certificates.id"],
                                name=op.f("fk_certificate_reviews_certificate_id_ocop_certificates"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reviewer_id"], ["users.id"], name=op.f("fk_certificate_reviews_reviewer_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_reviews")),
    )
    with op.batch_alter_table("certificate_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificate_reviews_certificate_id"), ["certificate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_certificate_reviews_decided_at"), ["decided_at"], unique=False)

    op.create_table(
        "stock_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("stock_before", sa.Integer(), nullable=False),
        sa.Column("stock_after", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Enum("new_listing", "edit", "file_upload", name="stock_change_reason",
                                    native_enum=False, create_constraint=False, length=32), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_stock_changes_product_id_products"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_stock_changes_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_changes")),
    )
    with op.batch_alter_table("stock_changes", schema=None) as batch_op:
        batch_op.create_index("ix_stock_changes_product_time", ["product_id", "changed_at"], unique=False)

    op.create_table(
        "cooperative_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cooperative_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("stem", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["cooperative_id"], ["cooperatives.id"],
                                name=op.f("fk_cooperative_photos_cooperative_id_cooperatives"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cooperative_photos")),
        sa.UniqueConstraint("stem", name=op.f("uq_cooperative_photos_stem")),
    )
    with op.batch_alter_table("cooperative_photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cooperative_photos_cooperative_id"), ["cooperative_id"], unique=False)
    # A producer's existing photo becomes the cover of its profile photos.
    op.execute(
        "INSERT INTO cooperative_photos (cooperative_id, position, stem, width, height) "
        "SELECT id, 0, photo_stem, 800, 800 FROM cooperatives WHERE photo_stem IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table("cooperative_photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cooperative_photos_cooperative_id"))
    op.drop_table("cooperative_photos")
    with op.batch_alter_table("stock_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_stock_changes_product_time")
    op.drop_table("stock_changes")
    with op.batch_alter_table("certificate_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_reviews_decided_at"))
        batch_op.drop_index(batch_op.f("ix_certificate_reviews_certificate_id"))
    op.drop_table("certificate_reviews")
    # Superseded certificates were approved once: they go back to that state.
    op.execute("UPDATE ocop_certificates SET review_status = 'approved' WHERE review_status = 'superseded'")
    with op.batch_alter_table("ocop_certificates", schema=None) as batch_op:
        batch_op.drop_index("ix_ocop_certificates_review_queue")
        batch_op.drop_constraint(batch_op.f("fk_ocop_certificates_replaced_by_id_ocop_certificates"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_ocop_certificates_reviewed_by_id_users"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_ocop_certificates_submitted_by_id_users"), type_="foreignkey")
        batch_op.alter_column("review_status", existing_type=_review_status("superseded"), type_=_review_status(),
                              existing_nullable=False)
        batch_op.drop_column("replaced_by_id")
        batch_op.drop_column("reviewed_by_id")
        batch_op.drop_column("submitted_by_id")
        batch_op.drop_column("scan_file")
