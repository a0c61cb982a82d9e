"""Demo pictures tell things apart: each cooperative its own scene (its craft, its district's
landscape), each product a motif that fits its kind."""
from PIL import ImageChops, ImageStat

from marketplace.demo import data, images


def difference(a, b):
    """Mean absolute difference per channel, 0–255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def test_two_cooperatives_scenes_differ():
    candy = images.cooperative_image("htx-keo-dua-thanh-thoi", "HTX Kẹo dừa Thành Thới", "mo-cay-nam", size=160)
    coir = images.cooperative_image("tht-xo-dua-an-dinh", "Tổ hợp tác Đan thảm xơ dừa An Định", "mo-cay-nam", size=160)
    coast = images.cooperative_image("htx-tom-sinh-thai-thanh-hai", "HTX Tôm sinh thái Thạnh Hải", "thanh-phu", size=160)
    assert difference(candy, coir) > 10  # same district, another craft and layout
    assert difference(candy, coast) > 10


def test_scenes_are_deterministic():
    assert difference(images.cooperative_image("a", "HTX Cây giống", "cho-lach", size=96),
                      images.cooperative_image("a", "HTX Cây giống", "cho-lach", size=96)) == 0


def test_every_demo_cooperative_has_its_own_scene():
    scenes = [images.cooperative_image(c["slug"], c["name"], c["legacy_district"], size=48) for c in data.COOPERATIVES]
    for index, scene in enumerate(scenes):
        for other in scenes[index + 1:]:
            assert difference(scene, other) > 3


def test_crafts_and_landscapes_come_from_name_and_district():
    assert images.craft_of("HTX Kẹo dừa Thành Thới") == "candies"
    assert images.craft_of("Tổ hợp tác Đan thảm xơ dừa An Định") == "coil"
    assert images.craft_of("HTX Cây giống Vĩnh Thành") == "seedlings"
    assert images.craft_of("Homestay Vườn Dừa Phú Túc") == "homestay"
    assert images.LANDSCAPES["thanh-phu"] == "coast" and images.LANDSCAPES["cho-lach"] == "orchard"


def test_product_motifs_fit_the_kind():
    assert images.motif_kind("dau-goi-dua-bo-ket", "3.2") == "cosmetics"  # shampoo: not a drink bottle
    assert images.motif_kind("sua-rua-mat-nuoc-dua", "3.2") == "cosmetics"
    assert images.motif_kind("nuoc-dua-xiem-dong-chai", "2.2") == "bottle"
    assert images.motif_kind("keo-dua-sau-rieng-thanh-thoi", "1.3") == "candies"
    assert images.motif_kind("dau-dua-luong-quoi-ep-lanh", "3.3") == "oil"
    assert images.motif_kind("day-xo-dua-se-tay", "4.2") == "coil"
    assert images.motif_kind("cay-giong-sau-rieng-ri6", "5.2") == "seedlings"
    assert images.motif_kind("tour-xuong-rach-dua-nuoc", "6.2") == "boat"
    assert images.motif_kind("sau-rieng-ri6-cho-lach", "1.1") == "fruit"


def test_a_shampoo_picture_is_drawn_as_cosmetics(monkeypatch):
    drawn = []
    monkeypatch.setattr(images, "_motif_cosmetics", lambda d, W, rng, palette: drawn.append(W) or (0, 0, 1, 1))
    images.product_image("dau-goi-dua-bo-ket", "3.2", size=64)
    assert drawn
