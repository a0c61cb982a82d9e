"""Search at national scale: index build time and results-page latency per backend, beside
SQLite FTS5 (`remove_diacritics 2`) over the same documents, in the same run.

    .venv/bin/python bench/search.py [--sizes 20000 50000] [--queries 300] [--pg-url URL]

For each size it generates that many products (a national OCOP catalogue: ~90 product kinds
in the six groups, flavours, provinces, cooperatives, certificates), then measures
- the full rebuild of each backend's index;
- a results page: `search.service.search_products` — top 24 with the total and every facet
  count (and highlights) — p50/p95 over a few hundred distinct mixed 1–3 word queries (with
  and without diacritics, prefixes being typed, a typo now and then, English words), half of
  them with a filter; no query repeats, and nothing caches results;
- suggestions (`search.service.suggest`) for prefixes of those queries;
- the FTS5 baseline over the same documents: top 24 by bm25 with the total and facet counts
  from one GROUP BY over the faceted values kept in the FTS5 table, the same filter rules, the
  same card loading (the targets compare with this one); and, for scale, FTS5 ranking with the
  catalogue's own SQL doing filters and facets.
PostgreSQL runs when --pg-url (or BENCH_PG_URL) reaches a server; the database is created.
Targets (issue #3): 20,000 products p95 ≤ 20 ms; 50,000 p95 within 3× of FTS5; suggest p95
≤ 10 ms; full rebuild of 50,000 under 30 s.
"""
import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from marketplace import clock, create_app  # noqa: E402
from marketplace.catalog import services as catalog  # noqa: E402
from marketplace.catalog import shown  # noqa: E402
from marketplace.catalog.models import OcopCategory, OcopCertificate, Product  # noqa: E402
from marketplace.extensions import db  # noqa: E402
from marketplace.producers.constants import LEGACY_DISTRICTS  # noqa: E402
from marketplace.producers.models import Cooperative  # noqa: E402
from marketplace.search import documents, service  # noqa: E402
from marketplace.search.analysis import parse_query  # noqa: E402
from marketplace.text import fold  # noqa: E402

# (Vietnamese name, English name, sub-group)
KINDS = [
    ("Kẹo dừa", "Coconut candy", "1.3"), ("Mứt dừa", "Candied coconut", "1.3"), ("Mứt gừng", "Candied ginger", "1.3"),
    ("Mứt me", "Tamarind jam", "1.3"), ("Chuối sấy", "Dried banana", "1.3"), ("Xoài sấy dẻo", "Soft dried mango", "1.3"),
    ("Mít sấy", "Dried jackfruit", "1.3"), ("Hạt điều rang muối", "Salted cashews", "1.3"),
    ("Đậu phộng da cá", "Coated peanuts", "1.3"), ("Thạch dừa", "Coconut jelly", "1.3"),
    ("Bánh pía", "Pia cake", "1.3"), ("Mè xửng", "Sesame brittle", "1.3"), ("Ô mai mơ", "Salted apricot", "1.3"),
    ("Chanh dây sấy", "Dried passion fruit", "1.3"), ("Dưa hấu", "Watermelon", "1.1"), ("Dưa lưới", "Cantaloupe", "1.1"),
    ("Bưởi da xanh", "Green pomelo", "1.1"), ("Xoài cát Hòa Lộc", "Hoa Loc mango", "1.1"), ("Sầu riêng Ri6", "Ri6 durian", "1.1"),
    ("Nhãn lồng", "Longan", "1.1"), ("Vú sữa Lò Rèn", "Star apple", "1.1"), ("Thanh long ruột đỏ", "Red dragon fruit", "1.1"),
    ("Bánh tráng", "Rice paper", "1.4"), ("Bánh phồng", "Puffed rice cake", "1.4"), ("Bánh tét", "Sticky rice cake", "1.4"),
    ("Gạo ST25", "ST25 rice", "1.4"), ("Gạo nếp cái hoa vàng", "Glutinous rice", "1.4"), ("Bún khô", "Dried rice noodles", "1.4"),
    ("Phở khô", "Dried pho noodles", "1.4"), ("Hủ tiếu", "Hu tieu noodles", "1.4"), ("Miến dong", "Arrowroot noodles", "1.4"),
    ("Khô cá lóc", "Dried snakehead fish", "1.5"), ("Khô cá sặc", "Dried gourami", "1.5"), ("Chả cá", "Fish cake", "1.5"),
    ("Tôm khô", "Dried shrimp", "1.5"), ("Mực một nắng", "Sun-dried squid", "1.5"), ("Lạp xưởng", "Chinese sausage", "1.5"),
    ("Nem chua", "Fermented pork roll", "1.5"), ("Khô bò", "Beef jerky", "1.5"), ("Chà bông", "Pork floss", "1.5"),
    ("Nước mắm", "Fish sauce", "1.6"), ("Nước màu dừa", "Coconut caramel sauce", "1.6"), ("Tương ớt", "Chili sauce", "1.6"),
    ("Muối tôm", "Shrimp salt", "1.6"), ("Tiêu đen", "Black pepper", "1.6"), ("Giấm dừa", "Coconut vinegar", "1.6"),
    ("Đường thốt nốt", "Palm sugar", "1.6"), ("Mật ong hoa cà phê", "Coffee blossom honey", "1.6"),
    ("Trà atiso", "Artichoke tea", "1.7"), ("Trà sen", "Lotus tea", "1.7"), ("Trà xanh", "Green tea", "1.7"),
    ("Trà shan tuyết", "Shan tuyet tea", "1.7"), ("Trà gừng", "Ginger tea", "1.7"), ("Cà phê rang xay", "Ground coffee", "1.8"),
    ("Cà phê hạt", "Coffee beans", "1.8"), ("Ca cao nguyên chất", "Pure cocoa", "1.8"), ("Rượu nếp", "Rice wine", "2.1"),
    ("Rượu dừa", "Coconut wine", "2.1"), ("Rượu ngô", "Corn liquor", "2.1"), ("Rượu sim", "Rose myrtle wine", "2.1"),
    ("Nước dừa", "Coconut water", "2.2"), ("Nước cốt dừa", "Coconut cream", "2.2"), ("Sữa dừa", "Coconut milk", "2.2"),
    ("Nước ép chanh dây", "Passion fruit juice", "2.2"), ("Nước yến", "Bird's nest drink", "2.2"),
    ("Cao dược liệu", "Herbal extract", "3.1"), ("Tinh bột nghệ", "Turmeric starch", "3.1"),
    ("Đông trùng hạ thảo", "Cordyceps", "3.1"), ("Dầu dừa", "Coconut oil", "3.2"), ("Xà phòng dầu dừa", "Coconut oil soap", "3.2"),
    ("Dầu gội bồ kết", "Honey locust shampoo", "3.2"), ("Son dưỡng môi", "Lip balm", "3.2"), ("Mặt nạ dừa", "Coconut face mask", "3.2"),
    ("Tinh dầu sả", "Lemongrass oil", "3.3"), ("Tinh dầu tràm", "Cajeput oil", "3.3"), ("Tinh dầu bưởi", "Pomelo peel oil", "3.3"),
    ("Giỏ lục bình", "Water hyacinth basket", "4.1"), ("Chiếu cói", "Sedge mat", "4.1"), ("Nón lá", "Conical hat", "4.1"),
    ("Gốm sứ", "Ceramics", "4.1"), ("Chổi xơ dừa", "Coir broom", "4.2"), ("Thảm xơ dừa", "Coir mat", "4.2"),
    ("Gáo dừa mỹ nghệ", "Coconut shell craft", "4.2"), ("Muỗng gỗ dừa", "Coconut wood spoon", "4.2"),
    ("Khăn lụa", "Silk scarf", "4.3"), ("Thổ cẩm", "Brocade", "4.3"), ("Mai vàng", "Yellow apricot tree", "5.1"),
    ("Bonsai", "Bonsai", "5.1"), ("Hoa lan", "Orchids", "5.1"), ("Cây giống sầu riêng", "Durian seedling", "5.2"),
    ("Cây giống bưởi", "Pomelo seedling", "5.2"), ("Cây giống dừa xiêm", "Siamese coconut seedling", "5.2"),
    ("Homestay vườn", "Orchard homestay", "6.1"), ("Tour sông nước", "River tour", "6.2"), ("Du lịch miệt vườn", "Orchard tour", "6.2"),
]
FLAVOURS = [
    ("sầu riêng", "durian"), ("lá dứa", "pandan"), ("đậu phộng", "peanut"), ("sữa", "milk"), ("ca cao", "cocoa"),
    ("gừng", "ginger"), ("truyền thống", "traditional"), ("đặc biệt", "special"), ("hữu cơ", "organic"),
    ("nguyên chất", "pure"), ("non", "young"), ("hộp quà", "gift box"), ("túi lọc", "tea bags"), ("cao cấp", "premium"),
    ("loại 1", "grade 1"), ("ít đường", "low sugar"), ("không đường", "sugar-free"), ("ép lạnh", "cold-pressed"),
    ("mè đen", "black sesame"), ("sả ớt", "lemongrass chili"), ("tỏi", "garlic"), ("mật ong", "honey"), ("", ""),
]
PLACES = [
    "Mỏ Cày", "Bến Tre", "Chợ Lách", "Giồng Trôm", "Ba Tri", "Phú Quốc", "Đà Lạt", "Tây Ninh", "Cần Thơ", "Sóc Trăng",
    "Hà Giang", "Thái Nguyên", "Buôn Ma Thuột", "Đồng Tháp", "An Giang", "Vĩnh Long", "Trà Vinh", "Long An", "Hội An",
    "Huế", "Sơn La", "Lào Cai", "Mộc Châu", "Hưng Yên", "Bắc Giang", "Ninh Thuận", "Phan Thiết", "Cà Mau", "Bạc Liêu",
    "Kiên Giang", "Tiền Giang", "Hậu Giang", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Nghệ An", "Thanh Hóa", "Nam Định",
    "Thái Bình", "Hòa Bình", "Điện Biên", "Lạng Sơn", "Cao Bằng", "Yên Bái", "Tuyên Quang", "Phú Thọ", "Gia Lai", "Kon Tum",
]
SENTENCES = [
    "Nguyên liệu tuyển chọn từ vùng trồng {place}.", "Sản phẩm được làm thủ công theo công thức gia truyền.",
    "Không chất bảo quản, không phẩm màu.", "Đóng gói hút chân không, bảo quản nơi khô ráo, thoáng mát.",
    "Quy trình sản xuất đạt tiêu chuẩn VietGAP.", "Thích hợp làm quà biếu dịp lễ Tết.",
    "Hương vị đậm đà, đặc trưng của miền quê {place}.", "Hạn sử dụng mười hai tháng kể từ ngày sản xuất.",
    "Hợp tác xã bao tiêu đầu ra cho bà con nông dân.", "Mỗi lô hàng đều ghi rõ ngày sản xuất và số lô.",
    "Sản phẩm đạt chứng nhận OCOP của tỉnh.", "Nấu trên bếp củi, khuấy tay liên tục nhiều giờ.",
    "Ngon hơn khi dùng lạnh.", "Giao hàng toàn quốc trong ba ngày.",
]
SENTENCES_EN = [
    "Made by hand from local ingredients.", "No preservatives or colourings.", "A fine gift for the Tet holiday.",
    "Keep in a cool, dry place.", "Produced under VietGAP standards.",
]
COOP_WORDS = ["Hợp tác xã", "Cơ sở", "Công ty TNHH", "Tổ hợp tác", "Hộ kinh doanh"]
PEOPLE = ["Thanh Long", "Tư Hiền", "Ba Nhàn", "Phú Hưng", "Hoàng Gia", "Minh Châu", "Kim Ngân", "Tân Phú", "An Khang",
          "Phước Lộc", "Hòa Bình", "Sáu Tâm", "Út Mười", "Bảy Hùng", "Năm Lửa", "Mười Tươi"]


def generate(size, seed=3):
    """Rows for cooperatives, products and certificates, national-catalogue-like."""
    rng = random.Random(seed)
    today = date.today()
    districts = list(LEGACY_DISTRICTS)
    cooperatives = []
    for n in range(1, size // 10 + 1):
        kind = rng.choice(KINDS)[0].split()[0]
        cooperatives.append({
            "id": n, "slug": f"coop-{n}", "name": f"{rng.choice(COOP_WORDS)} {kind} {rng.choice(PEOPLE)} {n}",
            "kind": "cooperative", "story_vi": "", "story_en": "", "phone": "", "email": "", "street": "",
            "province_name": rng.choice(PLACES), "ward_name": "", "legacy_district": rng.choice(districts + [None] * 20),
            "origin_label": "", "status": "approved", "rejection_reason": "",
        })
    products, certificates = [], []
    for n in range(1, size + 1):
        name_vi, name_en, code = rng.choice(KINDS)
        flavour_vi, flavour_en = rng.choice(FLAVOURS)
        place = rng.choice(PLACES)
        full_vi = " ".join(filter(None, (name_vi, flavour_vi, place if rng.random() < 0.5 else "")))
        full_en = " ".join(filter(None, (flavour_en, name_en)))
        sentences = rng.sample(SENTENCES, 3)
        description_vi = f"{full_vi}. " + " ".join(s.format(place=place) for s in sentences)
        products.append({
            "id": n, "slug": f"product-{n}", "cooperative_id": rng.randint(1, len(cooperatives)), "category_code": code,
            "name_vi": full_vi, "name_en": full_en, "description_vi": description_vi,
            "description_en": f"{full_en}. {rng.choice(SENTENCES_EN)}", "unit": "hộp", "price_vnd": rng.randrange(10, 900) * 1000,
            "stock": rng.choice([0, 5, 20, 100]), "status": "published",
        })
        if rng.random() < 0.8:
            stars = rng.choice([2, 3, 3, 4, 4, 5])
            issued = today - timedelta(days=rng.randint(10, 1200))
            certificates.append({
                "product_id": n, "stars": stars, "score": {5: 92, 4: 75, 3: 55, 2: 35}[stars], "assessing_level": "province",
                "issuing_body": "UBND tỉnh", "decision_number": "", "certificate_number": f"C-{n}" if stars >= 3 else None,
                "issued_on": issued, "expires_on": issued + timedelta(days=1095), "criteria_version": "148/QĐ-TTg (2023)",
                "review_status": "approved", "review_reason": "",
            })
    return cooperatives, products, certificates


def make_queries(products, count, seed=7):
    """Distinct 1–3 word queries drawn from product names, as shoppers type them."""
    rng = random.Random(seed)
    found = set()
    while len(found) < count:
        product = rng.choice(products)
        english = rng.random() < 0.12
        words = (product["name_en"] if english else product["name_vi"]).split()
        length = min(len(words), rng.choice([1, 2, 2, 3, 3]))
        start = rng.randrange(0, len(words) - length + 1)
        picked = [w.lower() for w in words[start:start + length]]
        if rng.random() < 0.5:
            picked = [fold(w) for w in picked]  # typed without diacritics
        if rng.random() < 0.2 and len(picked[-1]) > 2:
            picked[-1] = picked[-1][:rng.randint(2, len(picked[-1]) - 1)]  # still typing
        elif rng.random() < 0.1 and len(picked[-1]) >= 5:
            i = rng.randrange(1, len(picked[-1]))
            picked[-1] = picked[-1][:i] + picked[-1][i:][1:]  # a letter missed
        found.add(" ".join(picked))
    filters = [{}, {"group": "1"}, {"stars_min": 4}, {"in_stock": True}, {"district": "mo-cay-nam"}, {"price_max": 200000}]
    queries = sorted(found)
    rng.shuffle(queries)
    return [(q, filters[i % len(filters)] if i % 2 else {}) for i, q in enumerate(queries)]


def load(app, data):
    cooperatives, products, certificates = data
    with app.app_context():
        db.drop_all()
        db.create_all()
        catalog.load_categories()
        db.session.commit()
        codes = dict(db.session.execute(sa.select(OcopCategory.code, OcopCategory.id)).all())
        rows = [{**{k: v for k, v in p.items() if k != "category_code"}, "category_id": codes[p["category_code"]]} for p in products]
        with db.engine.begin() as connection:
            for table, batch in ((Cooperative.__table__, cooperatives), (Product.__table__, rows),
                                 (OcopCertificate.__table__, certificates)):
                for start in range(0, len(batch), 5000):
                    connection.execute(table.insert(), [_defaults(table, row) for row in batch[start:start + 5000]])
        shown.refresh()  # as `flask certificates refresh-shown --all` after an import
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                for table in ("cooperatives", "products", "ocop_certificates"):
                    connection.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
                connection.execute(sa.text("ANALYZE"))
        else:
            with db.engine.begin() as connection:
                connection.execute(sa.text("ANALYZE"))


def _defaults(table, row):
    stamp = clock.utcnow() - timedelta(minutes=row["id"] if "id" in row else 0)
    extra = {c.name: stamp for c in table.columns if c.name in ("created_at", "updated_at") and c.name not in row}
    return {**row, **extra}


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed(function, items):
    function(*items[0])  # warm up (first query opens the index)
    latencies = []
    for item in items:
        start = time.perf_counter()
        function(*item)
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def results_page(q, extra):
    return service.search_products(catalog.ProductFilters(q=q, rating="all", sort="relevance", **extra), per_page=24)


FTS_TEXT = ("name", "category", "cooperative", "description")
FTS_VALUES = ("stars", "group_code", "district", "price", "in_stock")


def fts5_install(app):
    """FTS5 over the same documents, with the faceted values beside the text (UNINDEXED), as
    the Whoosh backend keeps them: the same design on SQLite's engine."""
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE IF EXISTS bench_fts"))
        connection.execute(sa.text(
            f"CREATE VIRTUAL TABLE bench_fts USING fts5({', '.join(FTS_TEXT)}, "
            f"{', '.join(f'{name} UNINDEXED' for name in FTS_VALUES)}, tokenize='unicode61 remove_diacritics 2')"
        ))
        source = documents.product_rows().subquery()
        columns = ("rowid", *FTS_TEXT, *FTS_VALUES)
        connection.execute(_fts().insert().from_select(
            columns, sa.select(source.c.id, *(source.c[name] for name in columns[1:]))
        ))


def _fts():
    return sa.table("bench_fts", sa.column("rowid"), *(sa.column(name) for name in (*FTS_TEXT, *FTS_VALUES)))


def _match(q):
    words = [w.folded for w in parse_query(q).words]
    return " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*' if words else None


def fts5_page(q, extra):
    """Top 24 by bm25 (name 8 > category 4 > cooperative 2 > description 1), the total and the
    facet counts from one GROUP BY, the catalogue's filter rules, then the page's cards."""
    match = _match(q)
    if match is None:
        return None
    fts = _fts()
    filters = catalog.ProductFilters(q=q, rating="all", sort="relevance", **extra)
    columns = catalog.FacetColumns(fts.c.stars, fts.c.group_code, fts.c.district, fts.c.price, fts.c.in_stock == 1)
    base = sa.select(fts.c.rowid).where(sa.literal_column("bench_fts").op("MATCH")(match))
    conditions = catalog.facet_conditions(filters, columns)
    facets = catalog.aggregate_facets(
        db.session.execute(catalog.grouped_facets_query(base, filters, columns)).all(), list(conditions)
    )
    ids = db.session.scalars(
        base.where(*conditions.values()).order_by(sa.literal_column("bm25(bench_fts, 8, 4, 2, 1)")).limit(24)
    ).all()
    return facets, catalog.product_cards(ids)


def fts5_catalogue_page(q, extra):
    """FTS5 ranking the matches, the catalogue's own SQL doing filters and facets (for scale:
    what the page costs without values kept beside the text)."""
    match = _match(q)
    if match is None:
        return None
    fts = _fts()
    ranked = (
        sa.select(fts.c.rowid.label("product_id"), sa.literal_column("bm25(bench_fts, 8, 4, 2, 1)").label("rank"))
        .where(sa.literal_column("bench_fts").op("MATCH")(match))
        .subquery("matches")
    )
    filters = catalog.ProductFilters(q=q, rating="all", sort="relevance", **extra)
    return catalog.list_products(filters, per_page=24, product_ids=ranked, with_facets=True)


def bench_size(size, queries_count, pg_url, tmp):
    data = generate(size)
    queries = make_queries(data[1], queries_count)
    prefixes = sorted({q[: max(2, len(q) * 2 // 3)] for q, _ in queries})[:queries_count]
    rows = {}
    setups = [("whoosh", f"sqlite:///{tmp / f'bench-{size}.sqlite3'}")]
    if pg_url:
        setups.append(("postgres", pg_url))
    for backend, url in setups:
        app = create_app({
            "SQLALCHEMY_DATABASE_URI": url, "SEARCH_BACKEND": backend, "SECRET_KEY": "bench",
            "SEARCH_INDEX_DIR": str(tmp / f"index-{size}"), "UPLOAD_DIR": str(tmp / "uploads"), "TESTING": True,
        })
        load(app, data)
        with app.app_context():
            if backend == "postgres":
                from marketplace.search.backends.postgres import install

                with db.engine.begin() as connection:
                    install(connection)
            start = time.perf_counter()
            service.reindex()
            build = time.perf_counter() - start
            searches = timed(results_page, queries)
            suggestions = timed(lambda q: service.suggest(q), [(p,) for p in prefixes])
            rows[backend] = (build, searches, suggestions)
            print(f"  {backend}: built in {build:.1f} s; {len(queries)} queries", flush=True)
            if backend == "whoosh":
                start = time.perf_counter()
                fts5_install(app)
                fts_build = time.perf_counter() - start
                rows["fts5"] = (fts_build, timed(fts5_page, queries), None)
                rows["fts5 + catalogue SQL"] = (fts_build, timed(fts5_catalogue_page, queries), None)
            db.session.remove()
            db.engine.dispose()
    return rows


def report(size, rows):
    fts_p95 = percentile(rows["fts5"][1], 95)
    print(f"\n{size:,} products            build     p50      p95    p95/FTS5   suggest p50/p95")
    for name in ("whoosh", "postgres", "fts5", "fts5 + catalogue SQL"):
        if name not in rows:
            continue
        build, searches, suggestions = rows[name]
        p50, p95 = percentile(searches, 50), percentile(searches, 95)
        suggest = f"{percentile(suggestions, 50):5.1f} / {percentile(suggestions, 95):5.1f} ms" if suggestions else ""
        print(f"  {name:<22} {build:6.1f} s {p50:6.1f} ms {p95:6.1f} ms   {p95 / fts_p95:5.2f}×     {suggest}")
    return fts_p95


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000, 50000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/ocop_bench_search"))
    args = parser.parse_args()
    pg_url = _postgres(args.pg_url)
    failures = []
    with tempfile.TemporaryDirectory(prefix="ocop-bench-search-") as tmp:
        for size in args.sizes:
            print(f"{size:,} products…", flush=True)
            rows = bench_size(size, args.queries, pg_url, Path(tmp))
            fts_p95 = report(size, rows)
            for name in ("whoosh", "postgres"):
                if name not in rows:
                    continue
                build, searches, suggestions = rows[name]
                p95 = percentile(searches, 95)
                if size <= 20000 and p95 > 20:
                    failures.append(f"{name} at {size:,}: p95 {p95:.1f} ms > 20 ms")
                if size >= 50000 and p95 > 3 * fts_p95:
                    failures.append(f"{name} at {size:,}: p95 {p95 / fts_p95:.2f}× FTS5 > 3×")
                if percentile(suggestions, 95) > 10:
                    failures.append(f"{name} at {size:,}: suggest p95 {percentile(suggestions, 95):.1f} ms > 10 ms")
                if size >= 50000 and build > 30:
                    failures.append(f"{name} at {size:,}: rebuild {build:.1f} s > 30 s")
    print("\nTargets: " + ("all met" if not failures else "MISSED: " + "; ".join(failures)))
    return 1 if failures else 0


def _postgres(url):
    """The URL when PostgreSQL answers (creating the database), else None."""
    try:
        target = sa.engine.make_url(url)
        admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            exists = connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database})
            if not exists:
                connection.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
        admin.dispose()
        return url
    except sa.exc.OperationalError as error:
        print(f"PostgreSQL unavailable ({error.orig}); measuring Whoosh and FTS5 only.")
        return None


if __name__ == "__main__":
    sys.exit(main())
