"""Fixed vocabularies of the producers domain."""

# The 9 district-level units of Bến Tre's OCOP scheme (2018–2030). Districts were abolished on
# 1 July 2025; the legacy unit is kept for program statistics and for filtering.
LEGACY_DISTRICTS = {
    "tp-ben-tre": "TP Bến Tre",
    "chau-thanh": "Châu Thành",
    "cho-lach": "Chợ Lách",
    "mo-cay-nam": "Mỏ Cày Nam",
    "mo-cay-bac": "Mỏ Cày Bắc",
    "giong-trom": "Giồng Trôm",
    "binh-dai": "Bình Đại",
    "ba-tri": "Ba Tri",
    "thanh-phu": "Thạnh Phú",
}

ORIGIN_BEN_TRE = "Bến Tre"
