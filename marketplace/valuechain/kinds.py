"""What a product is, finer than its OCOP sub-group: a small taxonomy of the kinds of OCOP
products, grouped in families, so that matching can rank a candy request's candy makers
first and related kinds (other sweets) after, and never list an unrelated kind.

Sub-group 1.3 ("processed from fruit, vegetables and nuts") holds candy, coconut milk and
dried durian alike: the sub-group cannot tell them apart, the product's name does. A kind is
read from the Vietnamese name by keywords, first rule first (so "Kẹo dừa sầu riêng" is candy,
not durian); the OCOP group settles the non-food groups (crafts, plants, tourism).
"""
from flask_babel import lazy_gettext as _l

from marketplace.text import nfc

# kind -> (family, label). Same kind: relatedness 1; same family: related (½); else unrelated.
KINDS = {
    "candy": ("sweets", _l("Candy")),
    "candied_fruit": ("sweets", _l("Candied fruit and coconut (mứt)")),
    "coconut_jelly": ("sweets", _l("Coconut jelly")),
    "rice_cake": ("snacks", _l("Rice cakes and crackers")),
    "dried_fruit": ("snacks", _l("Dried fruit and coconut chips")),
    "coconut_milk": ("coconut_drinks", _l("Coconut milk and cream")),
    "coconut_water": ("coconut_drinks", _l("Coconut water")),
    "fresh_coconut": ("fresh_produce", _l("Fresh coconuts")),
    "fresh_fruit": ("fresh_produce", _l("Fresh fruit")),
    "honey": ("sweeteners", _l("Honey and bee products")),
    "coconut_sugar": ("sweeteners", _l("Coconut sugar")),
    "cooking_sauce": ("condiments", _l("Cooking sauces")),
    "fish_sauce": ("condiments", _l("Fish sauce and fermented seafood")),
    "vinegar_salt": ("condiments", _l("Vinegar and salt")),
    "dried_seafood": ("seafood", _l("Dried seafood")),
    "seafood": ("seafood", _l("Fresh and frozen seafood")),
    "dried_meat": ("meat", _l("Dried and cured meat")),
    "tea": ("hot_drinks", _l("Tea")),
    "coffee_cocoa": ("hot_drinks", _l("Coffee and cocoa")),
    "liquor": ("liquor", _l("Liquor")),
    "coconut_oil": ("oils", _l("Coconut oil")),
    "cosmetics": ("cosmetics", _l("Cosmetics")),
    "essential_oil": ("cosmetics", _l("Essential oils")),
    "supplement": ("supplements", _l("Supplements")),
    "coir": ("crafts", _l("Coir products")),
    "coconut_craft": ("crafts", _l("Coconut shell and wood crafts")),
    "woven": ("crafts", _l("Woven goods and textiles")),
    "seedlings": ("plants", _l("Seedlings")),
    "ornamental_plants": ("plants", _l("Ornamental plants and flowers")),
    "ornamental_fish": ("pets", _l("Ornamental fish")),
    "homestay": ("tourism", _l("Homestays")),
    "tour": ("tourism", _l("Tours and experiences")),
}

# (keywords, kind) for food, drinks and herbal products, first match wins: the specific
# ("tinh dầu", "kẹo") before the general ("dầu dừa", "sầu riêng").
FOOD_RULES = (
    (("tinh dầu",), "essential_oil"),
    (("viên nang",), "supplement"),
    (("kem dưỡng", "sữa rửa mặt", "mặt nạ", "dầu gội", "xà phòng", "son dưỡng", "dưỡng tóc", "mỹ phẩm"), "cosmetics"),
    (("dầu dừa",), "coconut_oil"),
    (("kẹo",), "candy"),
    (("mứt",), "candied_fruit"),
    (("thạch",), "coconut_jelly"),
    (("bánh",), "rice_cake"),
    (("sấy",), "dried_fruit"),
    (("nước màu", "nước kho"), "cooking_sauce"),
    (("nước mắm", "mắm"), "fish_sauce"),
    (("giấm", "muối"), "vinegar_salt"),
    (("cà phê",), "coffee_cocoa"),
    (("sữa dừa", "nước cốt", "cốt dừa"), "coconut_milk"),
    (("nước dừa",), "coconut_water"),
    (("rượu",), "liquor"),
    (("trà",), "tea"),
    (("ca cao",), "coffee_cocoa"),
    (("mật ong", "phấn hoa"), "honey"),
    (("đường",), "coconut_sugar"),
    (("dừa xiêm", "dừa khô", "dừa tươi", "trái dừa"), "fresh_coconut"),
    (("khô bò", "bò một nắng", "chả bò", "thịt"), "dried_meat"),
    (("khô cá", "khô mực", "tôm khô", "cá khô", "mực khô"), "dried_seafood"),
    (("nghêu", "tôm", "cá", "mực", "cua"), "seafood"),
    (("sầu riêng", "chôm chôm", "măng cụt", "bưởi", "trái cây", "xoài", "nhãn"), "fresh_fruit"),
)
CRAFT_RULES = ((("xơ dừa",), "coir"), (("gáo dừa", "gỗ dừa", "vỏ dừa"), "coconut_craft"), (("đan", "dệt"), "woven"))
PLANT_RULES = ((("cây giống",), "seedlings"), (("cá ",), "ornamental_fish"))
TOURISM_RULES = ((("homestay", "lưu trú"), "homestay"),)
GROUP_RULES = {"4": (CRAFT_RULES, "coconut_craft"), "5": (PLANT_RULES, "ornamental_plants"),
               "6": (TOURISM_RULES, "tour")}


def _first(rules, text):
    for keywords, kind in rules:
        if any(keyword in text for keyword in keywords):
            return kind
    return None


def kind_of(name, group_code=None):
    """The kind of a product named `name` (Vietnamese) in OCOP group `group_code`, or None."""
    text = " " + nfc(name or "").lower() + " "
    if group_code in GROUP_RULES:
        rules, default = GROUP_RULES[group_code]
        return _first(rules, text) or default
    return _first(FOOD_RULES, text)


def family(kind):
    return KINDS[kind][0] if kind in KINDS else None


def relatedness(wanted, offered):
    """1 for the same kind, ½ for a kind of the same family, 0 for an unrelated kind. With no
    wanted kind every kind fits (½): the sub-group alone decides."""
    if wanted is None:
        return 0.5
    if offered == wanted:
        return 1.0
    if offered is not None and family(offered) == family(wanted):
        return 0.5
    return 0.0


def kind_label(kind):
    return KINDS[kind][1] if kind in KINDS else ""


def kind_choices():
    return [(kind, label) for kind, (_family, label) in KINDS.items()]
