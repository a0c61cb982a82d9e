"""Demo lots: a few lots of demo products, with processing steps, a commune of origin or a
partner cooperative, and fixed public codes (so that /t/<code> can be tried at once)."""
from datetime import timedelta

import sqlalchemy as sa

from marketplace import clock, places
from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, Cooperative
from marketplace.traceability.models import Lot, LotStep

# (public code, product slug, lot number, made N days ago, best before in N days, quantity,
#  unit, origin in words, (province, ward) of origin or None, partner cooperative slug or None,
#  steps as (days before production (negative: after), what was done)).
LOTS = [
    ("KDTT6A2B", "keo-dua-sau-rieng-thanh-thoi", "TT-SR-2611", 12, 350, 1200, "hộp 400 g",
     "Dừa xiêm của xã viên Hợp tác xã Dừa xiêm Giao Long", (86, 28969), "htx-dua-xiem-giao-long",
     [(2, "Thu hoạch và tách cơm dừa"), (1, "Vắt nước cốt dừa trong ngày"), (0, "Nấu kẹo với sầu riêng"),
      (-1, "Cắt, gói và đóng hộp")]),
    ("KDTT7C3D", "keo-dua-la-dua-thanh-thoi", "TT-LD-2612", 5, 360, 800, "hộp 400 g",
     "Vườn dừa của 120 hộ thành viên, ấp Thanh Sơn 2", (86, 28969), None,
     [(1, "Vắt nước cốt dừa"), (0, "Nấu kẹo với lá dứa"), (-1, "Đóng gói")]),
    ("DDLQ4E5F", "dau-dua-luong-quoi-ep-lanh", "LQ-EL-2610", 40, 690, 600, "chai 250 ml",
     "Dừa khô từ vườn xã viên", None, None,
     [(3, "Phơi và tách cơm dừa"), (1, "Ép lạnh"), (0, "Lọc tự nhiên và đóng chai")]),
    ("BTML8G9H", "banh-trang-my-long-nuoc-dua", "ML-2612", 3, 180, 2000, "gói 500 g",
     "Gạo và nước dừa của nông dân địa phương", None, None,
     [(1, "Ngâm và xay bột gạo"), (0, "Tráng bánh và phơi nắng"), (-1, "Đóng gói")]),
]


def seed_lots():
    """Create the demo lots that are missing (their products must exist); returns how many.
    The caller commits."""
    products = {p.slug: p for p in db.session.scalars(sa.select(Product).where(Product.slug.in_([row[1] for row in LOTS])))}
    partners = {c.slug: c for c in db.session.scalars(
        sa.select(Cooperative).where(Cooperative.status == ApprovalStatus.APPROVED))}
    existing = set(db.session.scalars(sa.select(Lot.code)))
    today = clock.today()
    created = 0
    for code, slug, lot_code, age, keeps, quantity, unit, origin, place, partner, steps in LOTS:
        product = products.get(slug)
        if product is None or code in existing:
            continue
        produced_on = today - timedelta(days=age)
        ward = places.ward(*place) if place else None
        lot = Lot(
            code=code, product_id=product.id, cooperative_id=product.cooperative_id, lot_code=lot_code,
            produced_on=produced_on, best_before=produced_on + timedelta(days=keeps), quantity=quantity, unit=unit,
            origin_text=origin, origin_province_code=place[0] if ward else None, origin_ward_code=ward.code if ward else None,
            origin_place_name=f"{ward.name}, {places.province(place[0]).name}" if ward else "",
            origin_cooperative_id=partners[partner].id if partner in partners else None,
            steps=[LotStep(position=i, done_on=produced_on - timedelta(days=before), description=what)
                   for i, (before, what) in enumerate(steps)],
        )
        db.session.add(lot)
        created += 1
    db.session.flush()
    return created
