"""The OCOP product classification as data.

Each classification is a list of (code, parent_code, name_vi, name_en) under the decision
that defines it. This module is append-only: when the government revises the groups, add a
new list under its decision and a migration that loads it; products keep pointing at the
category rows they were filed under.
"""

DECISION_148_2023 = "148/QĐ-TTg (2023)"

CATEGORIES_148_2023 = [
    ("1", None, "Thực phẩm", "Food"),
    ("1.1", "1", "Nông sản tươi sống", "Fresh produce"),
    ("1.2", "1", "Nông sản sơ chế", "Raw and pre-processed produce"),
    ("1.3", "1", "Thực phẩm chế biến từ rau, củ, quả, hạt", "Processed from fruit, vegetables and nuts"),
    ("1.4", "1", "Thực phẩm chế biến từ ngũ cốc", "Processed from grains"),
    ("1.5", "1", "Thực phẩm chế biến từ thịt, thủy sản", "Processed from meat and seafood"),
    ("1.6", "1", "Gia vị, nước chấm", "Spices and sauces"),
    ("1.7", "1", "Chè và sản phẩm từ chè", "Tea"),
    ("1.8", "1", "Cà phê, ca cao", "Coffee and cocoa"),
    ("2", None, "Đồ uống", "Beverages"),
    ("2.1", "2", "Đồ uống có cồn", "Alcoholic beverages"),
    ("2.2", "2", "Đồ uống không cồn", "Non-alcoholic beverages"),
    ("3", None, "Dược liệu và sản phẩm từ dược liệu", "Herbal products"),
    ("3.1", "3", "Thực phẩm chức năng, thuốc dược liệu", "Functional foods and herbal medicines"),
    ("3.2", "3", "Mỹ phẩm có thành phần từ thảo dược", "Herbal cosmetics"),
    ("3.3", "3", "Tinh dầu và dược liệu khác", "Essential oils and other herbal products"),
    ("4", None, "Hàng thủ công mỹ nghệ", "Handicrafts"),
    ("4.1", "4", "Thủ công mỹ nghệ, đồ gia dụng", "Crafts and household goods"),
    ("4.2", "4", "Sản phẩm từ xơ dừa, vỏ dừa, gỗ dừa", "Coir, coconut-shell and coconut-wood products"),
    ("4.3", "4", "Dệt may", "Textiles"),
    ("5", None, "Sinh vật cảnh", "Ornamental plants and animals"),
    ("5.1", "5", "Hoa, cây cảnh", "Flowers and ornamental plants"),
    ("5.2", "5", "Cây giống", "Seedlings"),
    ("5.3", "5", "Động vật cảnh", "Ornamental animals"),
    ("6", None, "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
     "Community tourism, eco-tourism and destinations"),
    ("6.1", "6", "Dịch vụ du lịch cộng đồng, lưu trú", "Community tourism and homestays"),
    ("6.2", "6", "Du lịch sinh thái, điểm du lịch", "Eco-tours and destinations"),
]
