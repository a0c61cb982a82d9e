"""Demo value chain: distributors with their profiles, sourcing requests in every state,
offers, partnerships (some public), and what some cooperatives declare (capacity,
certifications). Plain data, then `seed_value_chain()`, idempotent: distributors are matched
by slug, requests by (company, title), offers by (request, cooperative), partnerships by
(company, cooperative), declarations by product or (cooperative, kind).

Dates are days from the day of seeding, so open requests stay open after a re-seed on
another day. The company of the demo distributor sign-in (marketplace.distributors.demo) gets a
profile, requests and partnerships, and so does the cooperative of the demo cooperative
sign-in (the first approved cooperative by name: Dừa Đại Điền with the demo data).
Cooperatives are told about matching requests by the next `flask valuechain digest`.

Negotiations (NEGOTIATIONS) add counter-offers to some offers: the demo company has a
cooperative's counter to answer on its candy request, the demo cooperative a buyer's counter
on the coconut-cream export request. Accepted offers come with their purchase order, its
first deliveries received (one on time and complete, one late) and the next one shipped.
"""
from datetime import timedelta

import sqlalchemy as sa

from marketplace import clock, places
from marketplace.catalog.models import OcopCategory, Product
from marketplace.distributors.demo import DEMO_COMPANY
from marketplace.distributors.models import DistributorCompany, DistributorKind, DistributorMember
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, Cooperative
from marketplace.text import nfc
from marketplace.valuechain import purchasing
from marketplace.valuechain.models import (
    Certification,
    CooperativeCertification,
    DeliveryTerm,
    Frequency,
    DeliveryStatus,
    Offer,
    OfferRevision,
    OfferStatus,
    Partnership,
    PartnershipStatus,
    ProductCapacity,
    PurchaseDelivery,
    PurchaseOrder,
    RequestStatus,
    SourcingRequest,
    Unit,
)

HCM, HANOI, DANANG, CANTHO, VINHLONG, HAIPHONG, KHANHHOA = 79, 1, 48, 92, 86, 31, 56
# The ward each demo request delivers to, by province (ward codes of `vietnam-provinces`,
# with a centre in valuechain/data/communes.csv): Phường Sài Gòn, Hoàn Kiếm, Ninh Kiều, Bến Tre.
DELIVERY_WARDS = {HCM: 26740, HANOI: 70, CANTHO: 31135, VINHLONG: 28789}

DISTRIBUTORS = [
    {
        "slug": DEMO_COMPANY["slug"], "name": DEMO_COMPANY["name"], "kind": "wholesaler",
        "description": "Đầu mối sỉ đặc sản miền Tây cho các cửa hàng quà tặng ở TP Hồ Chí Minh và Cần Thơ. "
                       "Ưu tiên sản phẩm OCOP 4 sao trở lên, giao hàng định kỳ hằng tháng.",
        "contact_name": "Lê Minh Tâm", "contact_phone": "0903112233", "contact_email": "muahang@dacsanmientay.example.vn",
        "market_provinces": [HCM, CANTHO, VINHLONG], "export_countries": [], "groups_sought": ["1", "2"],
        "certifications_required": ["ocop"],
    },
    {
        "slug": "xuat-khau-nong-san-cuu-long", "name": "Công ty CP Xuất khẩu Nông sản Cửu Long", "kind": "exporter",
        "description": "Xuất khẩu trái cây chế biến, sản phẩm từ dừa và thủy sản khô sang Nhật Bản, Hàn Quốc, "
                       "Hoa Kỳ và châu Âu. Yêu cầu HACCP hoặc ISO 22000, đăng ký FDA cho hàng đi Mỹ.",
        "contact_name": "Nguyễn Hoàng Phúc", "contact_phone": "0918223344", "contact_email": "sourcing@cuulongexport.example.vn",
        "website": "https://cuulongexport.example.vn",
        "market_provinces": [HCM], "export_countries": ["JP", "KR", "US", "DE", "AU"], "groups_sought": ["1", "2", "3"],
        "certifications_required": ["haccp", "iso22000"],
    },
    {
        "slug": "chuoi-xanh-mart", "name": "Chuỗi cửa hàng Xanh Mart", "kind": "retail_chain",
        "description": "42 cửa hàng thực phẩm sạch ở TP Hồ Chí Minh, Hà Nội và Đà Nẵng, có quầy riêng cho sản phẩm OCOP.",
        "contact_name": "Trần Thu Trang", "contact_phone": "0283456789", "contact_email": "ocop@xanhmart.example.vn",
        "market_provinces": [HCM, HANOI, DANANG], "export_countries": [], "groups_sought": ["1", "2", "3"],
        "certifications_required": ["ocop", "vietgap"],
    },
    {
        "slug": "resort-song-tien", "name": "Khách sạn & Resort Sông Tiền", "kind": "horeca",
        "description": "Khu nghỉ dưỡng 120 phòng bên sông Tiền; dùng sản phẩm địa phương cho nhà hàng, quầy quà tặng và tour.",
        "contact_name": "Phạm Quốc Bảo", "contact_phone": "02753822555", "contact_email": "fnb@songtienresort.example.vn",
        "market_provinces": [VINHLONG], "export_countries": [], "groups_sought": ["1", "2", "6"],
        "certifications_required": [],
    },
    {
        "slug": "san-ocop-online-viet", "name": "Sàn OCOP Online Việt", "kind": "ecommerce",
        "description": "Sàn thương mại điện tử chuyên sản phẩm OCOP, giao toàn quốc trong 3 ngày.",
        "contact_name": "Đỗ Khánh Linh", "contact_phone": "0977889900", "contact_email": "nhacungcap@ocoponline.example.vn",
        "website": "https://ocoponline.example.vn",
        "market_provinces": [HCM, HANOI, DANANG, CANTHO, HAIPHONG, KHANHHOA], "export_countries": [],
        "groups_sought": ["1", "2", "3", "4"], "certifications_required": ["ocop"],
    },
    {
        "slug": "saigon-craft-export", "name": "Công ty TNHH Saigon Craft", "kind": "exporter",
        "description": "Xuất khẩu hàng thủ công từ xơ dừa, gáo dừa và gỗ dừa cho các chuỗi nội thất ở châu Âu và Mỹ.",
        "contact_name": "Võ Thanh Tùng", "contact_phone": "0909556677", "contact_email": "buying@saigoncraft.example.vn",
        "market_provinces": [HCM], "export_countries": ["US", "FR", "NL", "JP"], "groups_sought": ["4"],
        "certifications_required": [],
    },
    {
        "slug": "nha-hang-chay-hoa-sen", "name": "Hệ thống Nhà hàng chay Hoa Sen", "kind": "horeca",
        "description": "Sáu nhà hàng chay ở TP Hồ Chí Minh; dùng nước cốt dừa, đường hoa dừa và rau củ sạch hằng ngày.",
        "contact_name": "Huỳnh Mỹ Dung", "contact_phone": "0287778899", "contact_email": "bep@hoasen.example.vn",
        "market_provinces": [HCM], "export_countries": [], "groups_sought": ["1"],
        "certifications_required": ["vietgap"],
    },
    {
        "slug": "mekong-foods", "name": "Công ty CP Chế biến Thực phẩm Mekong Foods", "kind": "processor",
        "description": "Chế biến thực phẩm đóng hộp và đồ ăn nhẹ; mua nguyên liệu dừa và thủy sản theo hợp đồng dài hạn.",
        "contact_name": "Lâm Văn Định", "contact_phone": "02923665544", "contact_email": "nguyenlieu@mekongfoods.example.vn",
        "market_provinces": [CANTHO, HCM], "export_countries": ["KR", "SG"], "groups_sought": ["1", "2"],
        "certifications_required": ["haccp"],
    },
    {
        "slug": "sieu-thi-thang-long", "name": "Hệ thống siêu thị Thăng Long", "kind": "retail_chain",
        "description": "Siêu thị ở Hà Nội và Hải Phòng, mở gian hàng đặc sản ba miền.",
        "contact_name": "Bùi Ngọc Anh", "contact_phone": "0243999888", "contact_email": "dacsan@thanglongmart.example.vn",
        "market_provinces": [HANOI, HAIPHONG], "export_countries": [], "groups_sought": ["1", "3"],
        "certifications_required": ["ocop"],
    },
]

# What cooperatives declare: certifications besides OCOP (days of validity left) ...
CERTIFICATIONS = [
    ("htx-dua-huu-co-tan-thanh-binh", "organic", "ORG-VN-2025-0112", 400),
    ("htx-dua-huu-co-tan-thanh-binh", "haccp", "HACCP-BT-0218", 600),
    ("cong-ty-sua-dua-dai-dien", "haccp", "HACCP-VL-0571", 700),
    ("cong-ty-sua-dua-dai-dien", "iso22000", "ISO22000-1190", 500),
    ("cong-ty-sua-dua-dai-dien", "fda", "FDA-18220456731", 300),
    ("cong-ty-dua-huong-my", "iso22000", "ISO22000-0877", 450),
    ("cong-ty-dua-huong-my", "fda", "FDA-13558902214", 250),
    ("htx-keo-dua-thanh-thoi", "haccp", "HACCP-BT-0093", 365),
    ("htx-dua-xiem-giao-long", "vietgap", "VG-BT-2024-311", 200),
    ("htx-trai-cay-phu-phung", "vietgap", "VG-BT-2025-054", 500),
    ("htx-thuy-san-thanh-phuoc", "haccp", "HACCP-BT-0301", 320),
]

# ... and monthly capacity per product: (product slug, quantity, unit).
CAPACITIES = [
    ("keo-dua-sau-rieng-thanh-thoi", 3000, "kg"),
    ("keo-dua-la-dua-thanh-thoi", 2500, "kg"),
    ("keo-dua-dau-phong-thanh-thoi", 2000, "kg"),
    ("keo-dua-hop-qua-5-vi", 800, "box"),
    ("keo-dua-truyen-thong-tu-hien", 600, "kg"),
    ("keo-dua-sua-sau-rieng-tu-hien", 400, "kg"),
    ("mut-dua-non-nhieu-vi", 900, "kg"),
    ("sua-dua-nguyen-chat-dai-dien", 12000, "box"),
    ("nuoc-cot-dua-dam-dac", 8000, "box"),
    ("bot-sua-dua-dai-dien", 1500, "kg"),
    ("dau-dua-tinh-khiet-huong-my", 5000, "bottle"),
    ("com-dua-say-gion", 1200, "kg"),
    ("nuoc-dua-huu-co-dong-chai", 3000, "box"),
    ("duong-hoa-dua-huu-co", 700, "kg"),
    ("dua-xiem-xanh-trai", 60, "t"),
    ("nuoc-dua-xiem-dong-chai", 4000, "box"),
    ("tham-xo-dua-chui-chan", 5000, "piece"),
    ("day-xo-dua-se-tay", 2000, "piece"),
    ("luoi-xo-dua-chong-xoi-mon", 600, "piece"),
    ("chen-gao-dua-mai-bong", 400, "box"),
    ("khay-go-dua", 300, "piece"),
    ("nuoc-mam-ca-com-binh-dai", 6000, "bottle"),
    ("banh-phong-sua-son-doc", 3000, "bag"),
]

# Requests. `days` is the deadline in days from today (negative: passed).
REQUESTS = [
    {
        "key": "candy-monthly", "company": DEMO_COMPANY["slug"], "status": "open", "days": 21,
        "title": "Kẹo dừa hộp 400 g cho cửa hàng quà tặng", "category": "1.3", "quantity": 1500, "unit": "kg",
        "frequency": "monthly", "period": (30, 395), "price": (120000, 150000), "min_stars": 4, "certs": ["ocop"],
        "packaging": "Hộp giấy 400 g, tem OCOP, hạn dùng từ 6 tháng", "term": "warehouse", "province": HCM,
        "spec": "Kẹo dừa truyền thống và vị sầu riêng, lá dứa. Giao hằng tháng về kho Quận 7.",
    },
    {
        "key": "coconut-milk-horeca", "company": "resort-song-tien", "status": "open", "days": 14,
        "title": "Sữa dừa và nước cốt dừa cho nhà hàng resort", "category": "2.2", "quantity": 400, "unit": "box",
        "frequency": "monthly", "period": (14, 379), "price": (40000, 60000), "min_stars": 3, "certs": [],
        "packaging": "Hộp 1 lít hoặc 400 ml", "term": "warehouse", "province": VINHLONG,
        "spec": "Dùng cho bếp Á và quầy bar; cần giao hằng tuần.",
    },
    {
        "key": "coconut-cream-export", "company": "xuat-khau-nong-san-cuu-long", "status": "open", "days": 30,
        "title": "Nước cốt dừa đóng hộp xuất khẩu Nhật Bản", "category": "1.3", "quantity": 20000, "unit": "box",
        "frequency": "quarterly", "period": (60, 425), "price": (30000, 38000), "min_stars": 4,
        "certs": ["haccp", "iso22000"], "packaging": "Lon/hộp 400 ml, nhãn tiếng Nhật", "term": "FOB",
        "province": HCM, "spec": "FOB Cát Lái. Cần mẫu trước khi ký hợp đồng.", "anonymous": True,
    },
    {
        "key": "coir-mats-export", "company": "saigon-craft-export", "status": "open", "days": 45,
        "title": "Thảm xơ dừa chùi chân cho chuỗi nội thất châu Âu", "category": "4.2", "quantity": 3000,
        "unit": "piece", "frequency": "quarterly", "period": (60, 425), "price": (60000, 85000), "min_stars": 3,
        "certs": [], "packaging": "Đóng kiện 20 cái, bọc màng", "term": "FOB", "province": HCM,
        "spec": "Kích thước 40 × 60 cm và 50 × 80 cm; in hoa văn theo mẫu.",
    },
    {
        "key": "coconut-sugar-vegetarian", "company": "nha-hang-chay-hoa-sen", "status": "open", "days": 10,
        "title": "Đường hoa dừa hữu cơ cho bếp chay", "category": "1.3", "quantity": 120, "unit": "kg",
        "frequency": "monthly", "period": None, "price": (250000, 320000), "min_stars": 4, "certs": ["organic"],
        "packaging": "Túi 1 kg", "term": "warehouse", "province": HCM, "spec": "",
    },
    {
        "key": "fish-sauce-online", "company": "san-ocop-online-viet", "status": "open", "days": 25,
        "title": "Nước mắm cá cơm OCOP cho sàn thương mại điện tử", "category": "1.6", "quantity": 2000,
        "unit": "bottle", "frequency": "monthly", "period": None, "price": (70000, 100000), "min_stars": 3,
        "certs": ["ocop"], "packaging": "Chai thủy tinh 500 ml, thùng 12 chai", "term": "warehouse",
        "province": HCM, "spec": "Đóng gói chống vỡ để giao qua đơn vị vận chuyển.",
    },
    {
        "key": "gift-box-tet", "company": DEMO_COMPANY["slug"], "status": "draft", "days": 40,
        "title": "Hộp quà Tết đặc sản dừa (bản nháp)", "category": "1.3", "quantity": 3000, "unit": "box",
        "frequency": "seasonal", "period": (50, 80), "price": (150000, 250000), "min_stars": 3, "certs": [],
        "packaging": "Hộp quà giấy kraft", "term": "warehouse", "province": HCM, "spec": "Kẹo, mứt và bánh phồng.",
    },
    {
        "key": "coconut-oil-hanoi", "company": "sieu-thi-thang-long", "status": "draft", "days": 35,
        "title": "Dầu dừa ép lạnh cho siêu thị Hà Nội", "category": "3.3", "quantity": 1000, "unit": "bottle",
        "frequency": "monthly", "period": None, "price": (80000, 150000), "min_stars": 4, "certs": [],
        "packaging": "Chai 250–500 ml", "term": "warehouse", "province": HANOI, "spec": "",
    },
    {
        "key": "dried-shrimp-closed", "company": "mekong-foods", "status": "closed", "days": -5,
        "title": "Tôm khô loại 1 làm nguyên liệu", "category": "1.5", "quantity": 500, "unit": "kg",
        "frequency": "one_off", "period": None, "price": (900000, 1200000), "min_stars": 3, "certs": ["haccp"],
        "packaging": "Thùng 10 kg", "term": "warehouse", "province": CANTHO, "spec": "",
    },
    {
        "key": "fresh-coconuts-closed", "company": "chuoi-xanh-mart", "status": "closed", "days": -12,
        "title": "Dừa xiêm xanh tươi cho quầy trái cây", "category": "1.1", "quantity": 20, "unit": "t",
        "frequency": "monthly", "period": None, "price": (12000, 18000), "min_stars": 3, "certs": ["vietgap"],
        "packaging": "Chục 12 trái, gọt sẵn", "term": "warehouse", "province": HCM, "spec": "",
    },
    {
        "key": "candy-awarded", "company": "chuoi-xanh-mart", "status": "awarded", "days": -20,
        "title": "Kẹo dừa ít đường cho quầy OCOP", "category": "1.3", "quantity": 800, "unit": "kg",
        "frequency": "monthly", "period": (-10, 355), "price": (110000, 140000), "min_stars": 3, "certs": ["ocop"],
        "packaging": "Gói 250–400 g", "term": "warehouse", "province": HCM, "spec": "",
    },
    {
        "key": "coconut-water-awarded", "company": DEMO_COMPANY["slug"], "status": "awarded", "days": -15,
        "title": "Nước dừa đóng chai cho cửa hàng quà tặng", "category": "2.2", "quantity": 300, "unit": "box",
        "frequency": "monthly", "period": (-5, 360), "price": (180000, 230000), "min_stars": 4, "certs": [],
        "packaging": "Thùng 12 chai 330 ml", "term": "warehouse", "province": HCM, "spec": "",
    },
]

# Offers: (request key, product slugs, unit price, quantity per period, status, message).
OFFERS = [
    ("candy-monthly", ["keo-dua-sau-rieng-thanh-thoi", "keo-dua-la-dua-thanh-thoi"], 135000, 1500, "shortlisted",
     "Giao hằng tháng từ Mỏ Cày Nam, có sẵn mẫu."),
    ("candy-monthly", ["keo-dua-truyen-thong-tu-hien"], 125000, 500, "submitted", "Cơ sở nhỏ, làm thủ công."),
    ("candy-monthly", ["mut-dua-non-nhieu-vi"], 180000, 300, "withdrawn", ""),
    ("coconut-milk-horeca", ["sua-dua-nguyen-chat-dai-dien"], 52000, 400, "submitted", "Giao 2 lần mỗi tuần."),
    ("coconut-cream-export", ["nuoc-cot-dua-dam-dac"], 34000, 20000, "submitted", "Có HACCP, ISO 22000 và FDA."),
    ("coir-mats-export", ["tham-xo-dua-chui-chan"], 78000, 3000, "shortlisted", "Nhận in hoa văn theo mẫu."),
    ("coconut-sugar-vegetarian", ["duong-hoa-dua-huu-co"], 290000, 120, "submitted", "Chứng nhận hữu cơ còn hạn."),
    ("dried-shrimp-closed", ["tom-kho-thanh-phu"], 1100000, 300, "submitted", ""),
    ("fresh-coconuts-closed", ["dua-xiem-xanh-trai"], 15000, 20, "declined", ""),
    ("candy-awarded", ["keo-dua-it-duong-thanh-thoi"], 125000, 800, "accepted", "Kẹo ít đường, gói 250 g."),
    ("candy-awarded", ["keo-dua-me-den-tu-hien"], 130000, 200, "declined", ""),
    ("coconut-water-awarded", ["nuoc-dua-huu-co-dong-chai"], 205000, 300, "accepted", "Dừa hữu cơ, thùng 12 chai."),
]

# Counter-offers after an offer (request key, cooperative's first product slug) → rounds of
# (by the buyer?, unit price, minimum order, [(from quantity, price)], message).
NEGOTIATIONS = {
    ("candy-monthly", "keo-dua-sau-rieng-thanh-thoi"): [
        (True, 125000, 500, [(1500, 120000)], "Chúng tôi lấy đều 1,5 tấn mỗi tháng: giá 125.000 ₫ được không?"),
        (False, 130000, 500, [(1500, 127000), (3000, 124000)], "Giá 130.000 ₫, từ 1,5 tấn còn 127.000 ₫."),
    ],
    ("coconut-cream-export", "nuoc-cot-dua-dam-dac"): [
        (True, 32000, 5000, [(20000, 31000)], "FOB Cát Lái, cần giá tốt hơn cho đơn 20.000 hộp."),
    ],
}

# Direct partnerships: (company, product slugs, price, unit, volume, frequency, start in days, status, public
# by distributor, public by cooperative). Accepted offers above add theirs (shown by both).
PARTNERSHIPS = [
    (DEMO_COMPANY["slug"], ["banh-phong-sua-son-doc", "banh-phong-nep-la-dua"], 52000, "bag", 1000, "monthly", -120,
     "active", True, True),
    ("san-ocop-online-viet", ["dau-dua-tinh-khiet-huong-my"], 150000, "bottle", 600, "monthly", -200, "active", True, True),
    ("saigon-craft-export", ["khay-go-dua", "binh-hoa-go-dua"], 190000, "piece", 300, "quarterly", -300, "active", True, True),
    ("mekong-foods", ["ngheu-luoc-tach-vo"], 80000, "bag", 2000, "monthly", -90, "active", True, True),
    ("resort-song-tien", ["tour-xuong-rach-dua-nuoc"], 120000, "piece", 200, "monthly", -60, "active", True, True),
    ("xuat-khau-nong-san-cuu-long", ["com-dua-say-gion"], 38000, "bag", 5000, "quarterly", -150, "active", True, False),
    ("nha-hang-chay-hoa-sen", ["giam-dua-huu-co"], 60000, "bottle", 150, "monthly", -30, "active", False, False),
    ("mekong-foods", ["bot-sua-dua-dai-dien"], 60000, "bag", 1000, "monthly", -45, "active", True, False),
    ("sieu-thi-thang-long", ["sua-dua-nguyen-chat-dai-dien"], 50000, "box", 800, "monthly", 7, "proposed", False, False),
    ("chuoi-xanh-mart", ["nuoc-mam-nhi-sau-cuong"], 105000, "bottle", 500, "monthly", -400, "ended", True, True),
]


def _day(days):
    return clock.today() + timedelta(days=days)


def _companies():
    companies = {c.slug: c for c in db.session.scalars(sa.select(DistributorCompany))}
    created = 0
    for item in DISTRIBUTORS:
        company = companies.get(item["slug"])
        if company is None:
            company = DistributorCompany(slug=item["slug"], name=nfc(item["name"]), kind=DistributorKind(item["kind"]),
                                         status=ApprovalStatus.APPROVED)
            db.session.add(company)
            companies[item["slug"]] = company
            created += 1
        if not company.description:  # fill the profile once (the demo company exists without one)
            for name in ("description", "contact_name", "contact_phone", "contact_email", "market_provinces",
                         "export_countries", "groups_sought", "certifications_required"):
                setattr(company, name, item[name])
            company.website = item.get("website", "")
    db.session.flush()
    return companies, created


def _declarations(cooperatives, products):
    existing = {(c.cooperative_id, c.kind) for c in db.session.scalars(sa.select(CooperativeCertification))}
    for slug, kind, reference, days in CERTIFICATIONS:
        cooperative = cooperatives.get(slug)
        if cooperative is not None and (cooperative.id, Certification(kind)) not in existing:
            db.session.add(CooperativeCertification(cooperative_id=cooperative.id, kind=Certification(kind),
                                                    reference=reference, valid_until=_day(days)))
    declared = set(db.session.scalars(sa.select(ProductCapacity.product_id)))
    for slug, quantity, unit in CAPACITIES:
        product = products.get(slug)
        if product is not None and product.id not in declared:
            db.session.add(ProductCapacity(product_id=product.id, monthly_quantity=quantity, unit=Unit(unit)))


def _poster(company):
    member = db.session.scalar(sa.select(DistributorMember).where(DistributorMember.distributor_id == company.id).limit(1))
    return member.user_id if member else None


def _requests(companies):
    categories = {c.code: c for c in db.session.scalars(sa.select(OcopCategory))}
    existing = {(r.distributor_id, r.title): r for r in db.session.scalars(sa.select(SourcingRequest))}
    requests, created = {}, 0
    for item in REQUESTS:
        company = companies[item["company"]]
        title = nfc(item["title"])
        request = existing.get((company.id, title))
        if request is None:
            period = item["period"]
            status = RequestStatus(item["status"])
            request = SourcingRequest(
                distributor_id=company.id, created_by_id=_poster(company), title=title,
                category_id=categories[item["category"]].id, specification=nfc(item["spec"]),
                quantity=item["quantity"], unit=Unit(item["unit"]), frequency=Frequency(item["frequency"]),
                period_start=_day(period[0]) if period else None, period_end=_day(period[1]) if period else None,
                target_price_min=item["price"][0], target_price_max=item["price"][1], min_stars=item["min_stars"],
                certifications=item["certs"], packaging=nfc(item["packaging"]), delivery_term=DeliveryTerm(item["term"]),
                delivery_province_code=item["province"], delivery_province_name=places.province(item["province"]).name,
                delivery_ward_code=DELIVERY_WARDS.get(item["province"]),
                delivery_ward_name=places.ward(item["province"], DELIVERY_WARDS.get(item["province"])).name
                if item["province"] in DELIVERY_WARDS else "",
                deadline=_day(item["days"]), anonymous=item.get("anonymous", False), status=status,
                published_at=None if status == RequestStatus.DRAFT else clock.utcnow() - timedelta(days=7),
                closed_at=clock.utcnow() if status in (RequestStatus.CLOSED, RequestStatus.AWARDED) else None,
            )
            db.session.add(request)
            created += 1
        requests[item["key"]] = request
    db.session.flush()
    return requests, created


def _partnership(company, products, price, unit, volume, frequency, start_days, status, shown, offer=None):
    status = PartnershipStatus(status)
    starts_on = _day(start_days)
    return Partnership(
        distributor_id=company.id, cooperative_id=products[0].cooperative_id, offer=offer, unit_price=price,
        unit=Unit(unit), volume_per_period=volume, frequency=Frequency(frequency), starts_on=starts_on,
        ends_on=_day(-10) if status == PartnershipStatus.ENDED else None, status=status, products=products,
        shown_by_distributor=shown[0], shown_by_cooperative=shown[1],
        activated_at=None if status == PartnershipStatus.PROPOSED else clock.utcnow() + timedelta(days=min(start_days, 0)),
        ended_at=clock.utcnow() - timedelta(days=10) if status == PartnershipStatus.ENDED else None,
    )


def _revise(offer, rounds):
    """Revision 1 (the offer as made), then each counter-offer of `rounds`."""
    def revision(number, by_distributor, message):
        return OfferRevision(number=number, by_distributor=by_distributor, unit_price=offer.unit_price,
                             quantity_per_period=offer.quantity_per_period, min_order_quantity=offer.min_order_quantity,
                             price_tiers=offer.price_tiers or [], delivery_term=offer.delivery_term,
                             lead_time_days=offer.lead_time_days, valid_until=offer.valid_until, message=message,
                             created_at=clock.utcnow() - timedelta(days=5 - len(offer.revisions)))

    offer.revisions.append(revision(1, False, offer.message))
    for number, (by_distributor, price, min_order, tiers, message) in enumerate(rounds, 2):
        offer.unit_price, offer.min_order_quantity = price, min_order
        offer.price_tiers = [list(tier) for tier in tiers]
        offer.revision, offer.awaiting_cooperative = number, by_distributor
        offer.revisions.append(revision(number, by_distributor, nfc(message)))


def _purchase_order(partnership, offer, request):
    """The purchase order of an accepted offer, begun some weeks ago: its first deliveries
    received (on time and complete, then late), the next shipped."""
    starts_on = min(partnership.starts_on, clock.today() - timedelta(days=70))
    order = PurchaseOrder(distributor_id=partnership.distributor_id, cooperative_id=partnership.cooperative_id,
                          partnership=partnership, offer=offer, title=request.title, unit=partnership.unit,
                          unit_price=partnership.unit_price, delivery_term=offer.delivery_term)
    first_due = starts_on + timedelta(days=offer.lead_time_days)
    shipped = False
    for number, (due_on, quantity) in enumerate(
            purchasing.schedule(partnership.frequency, partnership.volume_per_period, first_due), 1):
        delivery = PurchaseDelivery(number=number, due_on=due_on, quantity=quantity)
        if due_on < clock.today():
            received_on = min(clock.today(), due_on + timedelta(days=2 if number == 2 else 0))
            delivery.status, delivery.received_on, delivery.quantity_received = (
                DeliveryStatus.RECEIVED, received_on, quantity)
            delivery.shipped_at = clock.utcnow() - timedelta(days=(clock.today() - due_on).days + 2)
        elif not shipped:
            delivery.status, delivery.shipped_at, shipped = DeliveryStatus.SHIPPED, clock.utcnow(), True
        order.deliveries.append(delivery)
    return order


def _offers_and_partnerships(companies, requests, products):
    existing_offers = {(o.request_id, o.cooperative_id) for o in db.session.scalars(sa.select(Offer))}
    pairs = {(p.distributor_id, p.cooperative_id) for p in db.session.scalars(sa.select(Partnership))}
    created = {"offers": 0, "partnerships": 0}
    by_id = {c.id: c for c in companies.values()}
    for key, slugs, price, quantity, status, message in OFFERS:
        request = requests[key]
        offered = [products[s] for s in slugs if s in products]
        if not offered or (request.id, offered[0].cooperative_id) in existing_offers:
            continue
        offer = Offer(request=request, cooperative_id=offered[0].cooperative_id, products=offered, unit_price=price,
                      quantity_per_period=quantity, lead_time_days=7, sample_available=True,
                      valid_until=request.deadline + timedelta(days=30), message=nfc(message),
                      status=OfferStatus(status), delivery_term=request.delivery_term,
                      min_order_quantity=max(1, quantity // 10))
        _revise(offer, NEGOTIATIONS.get((key, slugs[0]), []))
        db.session.add(offer)
        created["offers"] += 1
        if offer.status == OfferStatus.ACCEPTED and (request.distributor_id, offer.cooperative_id) not in pairs:
            start = (request.period_start - clock.today()).days if request.period_start else 0
            partnership = _partnership(by_id[request.distributor_id], offered, price, request.unit, quantity,
                                       request.frequency, start, "active", (True, True), offer)
            db.session.add(partnership)
            db.session.add(_purchase_order(partnership, offer, request))
            pairs.add((request.distributor_id, offer.cooperative_id))
            created["partnerships"] += 1
    for slug, product_slugs, price, unit, volume, frequency, start, status, *shown in PARTNERSHIPS:
        company = companies[slug]
        chosen = [products[s] for s in product_slugs if s in products]
        if not chosen or (company.id, chosen[0].cooperative_id) in pairs:
            continue
        db.session.add(_partnership(company, chosen, price, unit, volume, frequency, start, status, shown))
        pairs.add((company.id, chosen[0].cooperative_id))
        created["partnerships"] += 1
    return created


def seed_value_chain():
    """Create what is missing of the demo value chain; returns counts of what was created.
    Needs the demo cooperatives and products (marketplace.demo.seed). The caller commits."""
    cooperatives = {c.slug: c for c in db.session.scalars(
        sa.select(Cooperative).where(Cooperative.status == ApprovalStatus.APPROVED))}
    products = {p.slug: p for p in db.session.scalars(sa.select(Product))}
    companies, distributors = _companies()
    _declarations(cooperatives, products)
    requests, request_count = _requests(companies)
    created = _offers_and_partnerships(companies, requests, products)
    db.session.flush()
    return {"distributors": distributors, "requests": request_count, **created}
