"""Generated demo pictures: flat illustrations drawn locally with Pillow, no text, no files.

Every picture is deterministic (seeded from the slug). The scene is drawn on an RGB canvas twice
the requested size, with translucent shapes blended in, then halved with a box filter: smooth
edges at little cost. Backgrounds come from `Image.linear_gradient`/`radial_gradient`, never
from per-pixel loops. A product shows what it is (`motif_kind`); a producer, its craft in
front of its district's landscape (`cooperative_image`), so that no two producers look alike.
"""
import hashlib
import math
import random

from PIL import Image, ImageDraw, ImageFilter

from marketplace.text import fold

SUPERSAMPLE = 2

# Per OCOP group: background top and bottom colours, and the motif colours.
PALETTES = {
    "1": {"bg": [((250, 241, 225), (234, 208, 168)), ((252, 238, 226), (238, 198, 166)),
                 ((251, 245, 224), (232, 214, 158)), ((250, 240, 232), (226, 200, 186))],
          "accent": (196, 120, 62)},
    "2": {"bg": [((226, 244, 236), (150, 206, 194)), ((232, 246, 240), (170, 214, 190)),
                 ((228, 242, 246), (150, 200, 206))], "accent": (34, 128, 118)},
    "3": {"bg": [((248, 251, 245), (206, 228, 200)), ((250, 250, 246), (220, 232, 214)),
                 ((246, 250, 248), (200, 226, 214))], "accent": (98, 150, 96)},
    "4": {"bg": [((240, 226, 204), (205, 172, 132)), ((244, 232, 214), (214, 186, 150))],
          "accent": (142, 92, 52)},
    "5": {"bg": [((230, 243, 224), (246, 214, 222)), ((236, 246, 230), (214, 236, 206)),
                 ((248, 240, 232), (240, 206, 212))], "accent": (214, 98, 128)},
    "6": {"bg": [((222, 240, 248), (160, 204, 230))], "accent": (40, 110, 160)},
}

COCONUT_BROWN = (124, 78, 44)
COCONUT_DARK = (92, 56, 30)
COCONUT_GREEN = (108, 160, 70)
COCONUT_GREEN_DARK = (76, 124, 52)
MEAT = (255, 251, 240)
LEAF = (86, 140, 74)
LEAF_DARK = (58, 108, 58)
LEAF_LIGHT = (128, 178, 96)


def _rng(slug, salt=""):
    return random.Random(int(hashlib.sha256(f"{salt}:{slug}".encode()).hexdigest()[:16], 16))


def _jitter(color, rng, amount=10):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in color)


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def _gradient(size, top, bottom, angle=0):
    """A two-colour gradient, vertical or tilted by `angle` degrees."""
    mask = Image.linear_gradient("L")
    if angle:
        mask = mask.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True)
        # the largest upright square inside the rotated one, so no empty corners show
        a = math.radians(abs(angle))
        side = 256 / (math.cos(a) + math.sin(a))
        c = mask.size[0] / 2
        mask = mask.crop((round(c - side / 2) + 1, round(c - side / 2) + 1,
                          round(c + side / 2) - 1, round(c + side / 2) - 1))
    mask = mask.resize((size, size), Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", (size, size), bottom), Image.new("RGB", (size, size), top), mask)


def _glow(image, center, radius, color, strength):
    """Lighten `image` with a radial glow (a soft spotlight behind the motif)."""
    size = image.size[0]
    glow = Image.radial_gradient("L").resize((radius * 2, radius * 2), Image.Resampling.BILINEAR)
    # radial_gradient reaches 181 on the inscribed circle: fade to 0 there, so no square shows
    glow = glow.point(lambda v: int(255 * strength * max(0.0, 1 - v / 181) ** 1.6))
    mask = Image.new("L", (size, size), 0)
    mask.paste(glow, (center[0] - radius, center[1] - radius))
    image.paste(Image.new("RGB", (size, size), color), (0, 0), mask)
    return image


def _shadow(image, box, strength=0.22):
    """A blurred elliptic shadow under the motif, drawn small and scaled up (cheap and soft)."""
    size = image.size[0]
    small = max(32, size // 8)
    k = small / size
    mask = Image.new("L", (small, small), 0)
    ImageDraw.Draw(mask).ellipse([v * k for v in box], fill=int(255 * strength))
    mask = mask.filter(ImageFilter.GaussianBlur(small / 40)).resize((size, size), Image.Resampling.BILINEAR)
    image.paste(Image.new("RGB", (size, size), (60, 40, 25)), (0, 0), mask)


class _NullDraw:
    """Swallows drawing calls: a dry run of a motif to learn where its shadow goes."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


_NULL = _NullDraw()


def _canvas(background):
    """The supersampled canvas: the (smooth) background blown up twice, and a blending Draw."""
    size = background.size[0] * SUPERSAMPLE
    image = background.resize((size, size), Image.Resampling.NEAREST)
    return image, ImageDraw.Draw(image, "RGBA")


def _finish(image):
    """Halve the supersampled canvas: smooth edges for the price of a box filter."""
    return image.reduce(SUPERSAMPLE)


# -- shapes -------------------------------------------------------------------------------


def _leaf(cx, cy, angle, length, width, bend=0.0, steps=14):
    """A pointed, slightly curved leaf from (cx, cy) in direction `angle` (radians)."""
    left, right = [], []
    for i in range(steps + 1):
        t = i / steps
        along = length * t
        side = bend * length * math.sin(math.pi * t) * 0.25
        x = cx + math.cos(angle) * along - math.sin(angle) * side
        y = cy + math.sin(angle) * along + math.cos(angle) * side
        half = width * math.sin(math.pi * t) ** 0.8 / 2
        nx, ny = -math.sin(angle), math.cos(angle)
        left.append((x + nx * half, y + ny * half))
        right.append((x - nx * half, y - ny * half))
    return left + right[::-1]


def _frond(cx, cy, angle, length, droop, width, steps=18):
    """A palm frond: a drooping curve from the crown, tapering to a point, with leaflet notches."""
    points = []
    spine = []
    for i in range(steps + 1):
        t = i / steps
        a = angle + droop * t * t
        if not spine:
            spine.append((cx, cy, a))
        else:
            px, py, pa = spine[-1]
            step = length / steps
            spine.append((px + math.cos(a) * step, py + math.sin(a) * step, a))
    upper, lower = [], []
    for i, (x, y, a) in enumerate(spine):
        t = i / steps
        half = width * (1 - t) ** 0.7 * (0.35 + 0.65 * math.sin(math.pi * min(1, t * 1.6) / 2))
        notch = 0.72 if i % 2 else 1.0
        nx, ny = -math.sin(a), math.cos(a)
        upper.append((x + nx * half * notch, y + ny * half * notch))
        lower.append((x - nx * half * notch * 0.9, y - ny * half * notch * 0.9))
    points = upper + lower[::-1]
    return points


def _rounded_polygon_bottle(cx, top, bottom, body_w, neck_w, shoulder, steps=10):
    """Outline of a bottle: neck, curved shoulders, straight body with rounded bottom corners."""
    hw, nw = body_w / 2, neck_w / 2
    neck_bottom = top + (bottom - top) * shoulder
    body_top = neck_bottom + body_w * 0.35
    points = [(cx - nw, top), (cx + nw, top), (cx + nw, neck_bottom)]
    for i in range(1, steps + 1):  # right shoulder
        t = i / steps
        x = cx + nw + (hw - nw) * math.sin(t * math.pi / 2)
        y = neck_bottom + (body_top - neck_bottom) * (1 - math.cos(t * math.pi / 2))
        points.append((x, y))
    r = body_w * 0.12
    points.append((cx + hw, bottom - r))
    for i in range(1, steps + 1):
        a = i / steps * math.pi / 2
        points.append((cx + hw - r + r * math.cos(a), bottom - r + r * math.sin(a)))
    for i in range(steps + 1):
        a = math.pi / 2 + i / steps * math.pi / 2
        points.append((cx - hw + r + r * math.cos(a), bottom - r + r * math.sin(a)))
    points.append((cx - hw, body_top))
    for i in range(steps - 1, -1, -1):  # left shoulder
        t = i / steps
        x = cx - nw - (hw - nw) * math.sin(t * math.pi / 2)
        y = neck_bottom + (body_top - neck_bottom) * (1 - math.cos(t * math.pi / 2))
        points.append((x, y))
    return points, body_top


def _draw_leaves_fan(d, cx, cy, rng, scale, count, spread, base_angle, colors):
    for i in range(count):
        t = i / max(1, count - 1)
        angle = base_angle + (t - 0.5) * spread + rng.uniform(-0.08, 0.08)
        length = scale * rng.uniform(0.85, 1.15)
        color = colors[i % len(colors)]
        d.polygon(_leaf(cx, cy, angle, length, length * 0.22, bend=rng.uniform(-0.6, 0.6)), fill=color)


def _coconut_whole(d, cx, cy, r, green, rng):
    body = COCONUT_GREEN if green else COCONUT_BROWN
    dark = COCONUT_GREEN_DARK if green else COCONUT_DARK
    d.ellipse([cx - r, cy - r * 0.94, cx + r, cy + r * 0.94], fill=dark)
    d.ellipse([cx - r * 0.96, cy - r * 0.94, cx + r * 0.9, cy + r * 0.86], fill=body)
    d.ellipse([cx - r * 0.62, cy - r * 0.72, cx - r * 0.05, cy - r * 0.2], fill=(255, 255, 255, 46))
    if not green:  # fibre strokes
        for i in range(5):
            a = -0.9 + i * 0.45 + rng.uniform(-0.1, 0.1)
            d.arc([cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8], math.degrees(a),
                  math.degrees(a) + 28, fill=(150, 100, 62), width=max(2, int(r * 0.04)))
    else:  # the calyx on top of a green coconut
        for k in range(3):
            a = -math.pi / 2 + (k - 1) * 0.6
            d.polygon(_leaf(cx, cy - r * 0.86, a, r * 0.32, r * 0.14), fill=(196, 170, 90))


def _coconut_half(d, cx, cy, r, rng):
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=COCONUT_DARK)
    d.ellipse([cx - r * 0.94, cy - r * 0.94, cx + r * 0.94, cy + r * 0.94], fill=COCONUT_BROWN)
    d.ellipse([cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8], fill=MEAT)
    d.ellipse([cx - r * 0.56, cy - r * 0.56, cx + r * 0.56, cy + r * 0.56], fill=(246, 240, 226))
    d.ellipse([cx - r * 0.5, cy - r * 0.62, cx - r * 0.05, cy - r * 0.3], fill=(255, 255, 255, 110))


def _motif_coconuts(d, W, rng, palette, green):
    cx, cy = W * (0.5 + rng.uniform(-0.03, 0.03)), W * 0.56
    r = W * rng.uniform(0.17, 0.2)
    leaf_colors = [LEAF_DARK, LEAF, LEAF_LIGHT]
    _draw_leaves_fan(d, cx + r * 0.3, cy - r * 0.3, rng, W * 0.34, rng.randint(4, 6), 1.9,
                     -math.pi / 2 - 0.15 + rng.uniform(-0.2, 0.2), leaf_colors)
    if rng.random() < 0.6:
        _coconut_whole(d, cx + r * 0.75, cy - r * 0.15, r * 0.95, green, rng)
        _coconut_half(d, cx - r * 0.55, cy + r * 0.35, r * 0.9, rng)
    else:
        _coconut_whole(d, cx - r * 0.7, cy - r * 0.1, r * 0.9, green, rng)
        _coconut_half(d, cx + r * 0.5, cy + r * 0.4, r * 0.85, rng)
    if rng.random() < 0.5:  # a few pieces of candy or chips in front
        for i in range(rng.randint(2, 3)):
            x = cx - r * 1.2 + i * r * 0.55 + rng.uniform(-8, 8)
            y = cy + r * 1.3 + rng.uniform(-6, 6)
            s = r * 0.22
            d.rounded_rectangle([x - s, y - s * 0.7, x + s, y + s * 0.7], radius=s * 0.3,
                                fill=_jitter(palette["piece"], rng, 8))
            d.rounded_rectangle([x - s, y - s * 0.7, x + s, y - s * 0.3], radius=s * 0.25,
                                fill=(255, 255, 255, 70))
    return (cx - r * 1.8, cy + r * 1.0, cx + r * 1.9, cy + r * 1.75)


def _candy(d, x, y, w, color):
    """One wrapped coconut candy: a soft bar in translucent paper with twisted ends."""
    h = w * 0.5
    for side in (-1, 1):
        ex = x + side * w * 0.5
        d.polygon([(ex, y - h * 0.18), (ex + side * w * 0.28, y - h * 0.5), (ex + side * w * 0.22, y),
                   (ex + side * w * 0.28, y + h * 0.5), (ex, y + h * 0.18)], fill=(255, 255, 255, 170))
    d.rounded_rectangle([x - w * 0.52, y - h * 0.55, x + w * 0.52, y + h * 0.55], radius=h * 0.3,
                        fill=(255, 255, 255, 150))
    d.rounded_rectangle([x - w * 0.44, y - h * 0.42, x + w * 0.44, y + h * 0.42], radius=h * 0.25, fill=color)
    d.rounded_rectangle([x - w * 0.4, y - h * 0.36, x + w * 0.4, y - h * 0.1], radius=h * 0.12,
                        fill=(255, 255, 255, 60))


CANDY_COLORS = [(236, 222, 196), (214, 186, 140), (170, 120, 80), (120, 80, 56), (176, 204, 130),
                (226, 200, 150)]
# Candy colour by a flavour word in the slug.
FLAVOURS = {"sau-rieng": (236, 210, 140), "la-dua": (168, 204, 120), "ca-cao": (112, 74, 52),
            "sua": (244, 232, 206), "dau-phong": (206, 166, 116), "me-den": (96, 80, 72),
            "gung": (222, 190, 120), "chuoi": (214, 160, 90)}


def _motif_candies(d, W, rng, palette, slug=""):
    """Wrapped coconut candies piled on a plate, a coconut half and leaves behind."""
    cx, cy = W * 0.5, W * 0.62
    pw = W * rng.uniform(0.31, 0.34)
    _draw_leaves_fan(d, cx + pw * 0.45, cy - pw * 0.4, rng, W * 0.26, 5, 1.9, -math.pi / 2 - 0.1,
                     [LEAF_DARK, LEAF, LEAF_LIGHT])
    _coconut_half(d, cx - pw * 0.62, cy - pw * 0.4, W * 0.1, rng)
    d.ellipse([cx - pw, cy - pw * 0.2, cx + pw, cy + pw * 0.36], fill=_mix(palette["plate"], (0, 0, 0), 0.12))
    d.ellipse([cx - pw, cy - pw * 0.26, cx + pw, cy + pw * 0.3], fill=palette["plate"])
    d.ellipse([cx - pw * 0.78, cy - pw * 0.16, cx + pw * 0.78, cy + pw * 0.2],
              fill=_mix(palette["plate"], (0, 0, 0), 0.05))
    flavours = [c for word, c in FLAVOURS.items() if word in slug] or rng.sample(CANDY_COLORS, 2)
    if len(flavours) == 1:
        flavours.append(_mix(flavours[0], (255, 255, 255), 0.2) if "hop-qua" not in slug else rng.choice(CANDY_COLORS))
    w = pw * 0.42
    rows = ((3, 0.0), (2, -0.62), (1, -1.24))
    for count, dy in rows:
        for i in range(count):
            x = cx + (i - (count - 1) / 2) * w * 1.45 + rng.uniform(-4, 4)
            y = cy + dy * w + rng.uniform(-3, 3)
            _candy(d, x, y, w, flavours[(i + count) % len(flavours)])
    return (cx - pw * 1.1, cy + pw * 0.12, cx + pw * 1.1, cy + pw * 0.48)


def _bottle_outline(kind, cx, top, bottom, bw):
    """Outline points and the y where the straight body begins, for a bottle or dropper vial."""
    if kind == "dropper":
        return _rounded_polygon_bottle(cx, top, bottom, bw, bw * 0.42, 0.1)
    return _rounded_polygon_bottle(cx, top, bottom, bw, bw * 0.34, 0.2)


def _label(d, cx, left, right, label_top, label_bottom, rng, palette):
    d.rectangle([left, label_top, right, label_bottom], fill=palette["label"])
    line = max(3, (label_bottom - label_top) * 0.05)
    d.rectangle([left, label_top + line, right, label_top + line * 2], fill=palette["label_line"])
    d.rectangle([left, label_bottom - line * 2, right, label_bottom - line], fill=palette["label_line"])
    mid = (label_top + label_bottom) / 2
    emblem = (label_bottom - label_top) * 0.26
    _draw_leaves_fan(d, cx, mid + emblem * 0.1, rng, emblem * 1.25, 5, 1.7, -math.pi / 2,
                     [palette["label_line"]])
    d.ellipse([cx - emblem * 0.42, mid - emblem * 0.05, cx + emblem * 0.42, mid + emblem * 0.75],
              fill=COCONUT_BROWN)


def _motif_bottle(d, W, rng, palette, kind):
    """A bottle, dropper vial or jar with a plain label (no text), leaves and a coconut half."""
    cx = W * (0.5 + rng.uniform(-0.02, 0.02))
    glass, outline = palette["glass"], palette["outline"]
    bottom = W * 0.79
    if kind == "jar":
        bw = W * rng.uniform(0.32, 0.37)
        top = bottom - bw * rng.uniform(1.0, 1.2)
        body = [cx - bw / 2, top, cx + bw / 2, bottom]
        d.rounded_rectangle(body, radius=bw * 0.16, fill=glass, outline=outline, width=4)
        level = top + (bottom - top) * 0.1
        d.rounded_rectangle([cx - bw / 2 + 10, level, cx + bw / 2 - 10, bottom - 10], radius=bw * 0.12,
                            fill=palette["liquid"])
        d.rounded_rectangle([cx - bw * 0.54, top - W * 0.06, cx + bw * 0.54, top + W * 0.012],
                            radius=W * 0.014, fill=palette["cap"])
        d.rectangle([cx - bw * 0.54, top - W * 0.02, cx + bw * 0.54, top - W * 0.012],
                    fill=_mix(palette["cap"], (0, 0, 0), 0.15))
        body_top = top
    else:
        scale = 0.75 if kind == "dropper" else 1.0
        top = W * (0.22 + (1 - scale) * 0.5 + rng.uniform(-0.02, 0.02))
        bw = W * rng.uniform(0.21, 0.25) * (1.1 if kind == "dropper" else 1.0)
        points, body_top = _bottle_outline(kind, cx, top, bottom, bw)
        d.polygon(points, fill=glass, outline=outline, width=4)
        level = body_top + (bottom - body_top) * rng.uniform(0.02, 0.12)
        inner = [(cx + (x - cx) * 0.9, max(y, level)) for x, y in points]
        inner = [(x, min(y, bottom - 8)) for x, y in inner]
        d.polygon(inner, fill=palette["liquid"])
        nw = bw * (0.46 if kind == "dropper" else 0.4)
        if kind == "dropper":
            d.rounded_rectangle([cx - nw / 2, top - W * 0.03, cx + nw / 2, top + W * 0.015],
                                radius=W * 0.006, fill=(60, 50, 44))
            d.rounded_rectangle([cx - nw * 0.32, top - W * 0.1, cx + nw * 0.32, top - W * 0.02],
                                radius=nw * 0.3, fill=(44, 38, 34))
        else:
            d.rounded_rectangle([cx - nw / 2, top - W * 0.05, cx + nw / 2, top + W * 0.012],
                                radius=W * 0.01, fill=palette["cap"])
    label_top = body_top + (bottom - body_top) * rng.uniform(0.26, 0.34)
    label_bottom = label_top + (bottom - body_top) * 0.4
    _label(d, cx, cx - bw / 2 + 2, cx + bw / 2 - 2, label_top, label_bottom, rng, palette)
    d.rounded_rectangle([cx - bw * 0.38, body_top + 14, cx - bw * 0.3, bottom - bw * 0.22],
                        radius=6, fill=(255, 255, 255, 70))
    # a sprig of leaves and a coconut half at the foot
    side = 1 if rng.random() < 0.5 else -1
    _draw_leaves_fan(d, cx - side * bw * 0.55, bottom - W * 0.01, rng, W * 0.2, 4, 1.3,
                     -math.pi / 2 - side * 0.5, [LEAF_DARK, LEAF, LEAF_LIGHT])
    _coconut_half(d, cx + side * bw * 0.88, bottom - W * 0.065, W * 0.085, rng)
    return (cx - bw * 1.25, bottom - W * 0.035, cx + bw * 1.35, bottom + W * 0.045)


def _weave_disc(canvas, d, cx, cy, r, cells, light, dark, gap_color, rim):
    """A round basket-weave disc (coir mat, bamboo tray): strands passing over and under."""
    d.ellipse([cx - r * 1.05, cy - r * 1.05, cx + r * 1.05, cy + r * 1.05], fill=rim)
    if canvas is None:  # dry run
        return
    size = int(r * 2) + 2
    mat = Image.new("RGB", (size, size), gap_color)
    md = ImageDraw.Draw(mat, "RGBA")
    cell = size / cells
    band = cell * 0.8
    lo, hi = (cell - band) / 2, (cell + band) / 2
    for i in range(cells + 1):
        for j in range(cells + 1):
            x0, y0 = i * cell, j * cell
            if (i + j) % 2:  # horizontal strand on top here
                md.rectangle([x0, y0 + lo, x0 + cell, y0 + hi], fill=light)
                md.rectangle([x0, y0 + lo, x0 + cell, y0 + lo + band * 0.2], fill=(255, 255, 255, 40))
                md.rectangle([x0 + cell * 0.9, y0 + lo, x0 + cell, y0 + hi], fill=(0, 0, 0, 28))
            else:  # vertical strand on top
                md.rectangle([x0 + lo, y0, x0 + hi, y0 + cell], fill=dark)
                md.rectangle([x0 + lo, y0, x0 + lo + band * 0.2, y0 + cell], fill=(255, 255, 255, 30))
                md.rectangle([x0 + lo, y0 + cell * 0.9, x0 + hi, y0 + cell], fill=(0, 0, 0, 28))
    circle = Image.new("L", mat.size, 0)
    ImageDraw.Draw(circle).ellipse([0, 0, size - 1, size - 1], fill=255)
    canvas.paste(mat, (int(cx - r), int(cy - r)), circle)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=_mix(rim, (0, 0, 0), 0.2), width=max(3, int(r * 0.025)))


def _shell_bowl(d, cx, by, br):
    d.chord([cx - br, by - br, cx + br, by + br], 0, 180, fill=COCONUT_DARK)
    d.chord([cx - br * 0.96, by - br * 0.96, cx + br * 0.96, by + br * 0.9], 0, 180, fill=COCONUT_BROWN)
    d.ellipse([cx - br, by - br * 0.22, cx + br, by + br * 0.22], fill=(92, 58, 34))
    d.ellipse([cx - br * 0.9, by - br * 0.16, cx + br * 0.9, by + br * 0.18], fill=(70, 42, 24))
    d.chord([cx - br * 0.75, by + br * 0.1, cx - br * 0.15, by + br * 0.8], 110, 190, fill=(255, 255, 255, 55))


def _motif_weave(canvas, d, W, rng, palette, bowl=False):
    """A round woven coir mat; with `bowl`, a polished coconut-shell bowl on it."""
    cx, cy = W * 0.5, W * 0.5
    r = W * rng.uniform(0.29, 0.32)
    _weave_disc(canvas, d, cx, cy, r, rng.choice((9, 11, 13)), palette["strand"], palette["strand_dark"],
                palette["under"], palette["rim"])
    if bowl:
        _shell_bowl(d, cx, cy + r * 0.02, r * 0.56)
    return (cx - r * 1.05, cy + r * 0.78, cx + r * 1.05, cy + r * 1.15)


def _rope_coil(d, cx, cy, r, rng, color=(178, 128, 76)):
    """A coil of coir rope seen at an angle: rings of twisted strand, lit from the top left."""
    dark, light = _mix(color, (0, 0, 0), 0.3), _mix(color, (255, 255, 255), 0.3)
    width = max(4, int(r * 0.11))
    for k in range(7):
        rr = r * (1 - k * 0.12)
        box = [cx - rr, cy - rr * 0.55, cx + rr, cy + rr * 0.55]
        d.ellipse(box, outline=dark, width=width)
        d.arc(box, 180, 300, fill=light, width=max(2, width // 3))
        for a in range(0, 360, 24):  # the twist of the strand
            t = math.radians(a + k * 9)
            x, y = cx + math.cos(t) * rr, cy + math.sin(t) * rr * 0.55
            d.line([(x - width * 0.3, y - width * 0.3), (x + width * 0.3, y + width * 0.3)], fill=color, width=2)
    end = (cx + r * 0.2, cy)
    d.line([end, (cx + r * 1.15, cy + r * rng.uniform(0.5, 0.7))], fill=dark, width=width)


def _motif_coil(d, W, rng, palette):
    """Coils of coir rope, one stacked half on another."""
    cx, cy, r = W * 0.5, W * 0.6, W * rng.uniform(0.26, 0.3)
    color = rng.choice([(178, 128, 76), (196, 150, 96), (150, 104, 62)])
    _rope_coil(d, cx - r * 0.35, cy + r * 0.2, r * 0.8, rng, _mix(color, (0, 0, 0), 0.1))
    _rope_coil(d, cx + r * 0.3, cy - r * 0.1, r * 0.75, rng, color)
    return (cx - r * 1.3, cy + r * 0.45, cx + r * 1.4, cy + r * 0.9)


def _pump_bottle(d, cx, bottom, w, h, body, cap):
    top = bottom - h
    d.rounded_rectangle([cx - w / 2, top + h * 0.18, cx + w / 2, bottom], radius=w * 0.22, fill=body)
    d.rounded_rectangle([cx - w * 0.22, top + h * 0.08, cx + w * 0.22, top + h * 0.2], radius=w * 0.04, fill=cap)
    d.rectangle([cx - w * 0.06, top - h * 0.02, cx + w * 0.06, top + h * 0.08], fill=cap)
    d.rounded_rectangle([cx - w * 0.16, top - h * 0.07, cx + w * 0.16, top], radius=w * 0.04, fill=cap)
    d.rectangle([cx + w * 0.12, top - h * 0.06, cx + w * 0.4, top - h * 0.025], fill=cap)  # the nozzle
    d.rounded_rectangle([cx - w * 0.36, top + h * 0.45, cx + w * 0.36, top + h * 0.78], radius=w * 0.06,
                        fill=(255, 255, 255, 200))
    d.rounded_rectangle([cx - w * 0.34, top + h * 0.26, cx - w * 0.22, bottom - h * 0.08], radius=w * 0.05,
                        fill=(255, 255, 255, 70))


def _tube(d, cx, bottom, w, h, body, cap):
    """A squeeze tube standing on its cap, the crimped end up."""
    top = bottom - h
    cap_h = h * 0.14
    d.polygon([(cx - w * 0.5, top), (cx + w * 0.5, top), (cx + w * 0.3, bottom - cap_h), (cx - w * 0.3, bottom - cap_h)],
              fill=body)
    d.rectangle([cx - w * 0.5, top, cx + w * 0.5, top + h * 0.05], fill=_mix(body[:3], (0, 0, 0), 0.12))
    for k in range(1, 6):  # crimp lines
        x = cx - w * 0.5 + w * k / 6
        d.line([(x, top), (x, top + h * 0.05)], fill=_mix(body[:3], (255, 255, 255), 0.3), width=2)
    d.rounded_rectangle([cx - w * 0.22, bottom - cap_h, cx + w * 0.22, bottom], radius=w * 0.05, fill=cap)
    d.polygon([(cx - w * 0.3, top + h * 0.35), (cx + w * 0.34, top + h * 0.35), (cx + w * 0.31, top + h * 0.6),
               (cx - w * 0.27, top + h * 0.6)], fill=(255, 255, 255, 190))


def _motif_cosmetics(d, W, rng, palette):
    """A pump bottle and a squeeze tube of coconut cosmetics, a coconut half and a sprig."""
    body = rng.choice([(250, 246, 238), (236, 246, 240), (246, 236, 230), (232, 240, 248)])
    cap = _jitter(palette["cap"], rng, 10)
    bottom = W * 0.8
    side = rng.choice((-1, 1))
    _draw_leaves_fan(d, W * (0.5 - side * 0.2), bottom - W * 0.02, rng, W * 0.22, 5, 1.6,
                     -math.pi / 2 + side * 0.4, [LEAF_DARK, LEAF, LEAF_LIGHT])
    _pump_bottle(d, W * (0.5 - side * 0.1), bottom, W * 0.2, W * rng.uniform(0.44, 0.5), body, cap)
    _tube(d, W * (0.5 + side * 0.14), bottom, W * 0.15, W * rng.uniform(0.3, 0.34), _mix(body, cap, 0.25), cap)
    _coconut_half(d, W * (0.5 + side * 0.32), bottom - W * 0.05, W * 0.075, rng)
    return (W * 0.22, bottom - W * 0.03, W * 0.8, bottom + W * 0.04)


def _seedling(d, cx, bottom, w, rng, bag):
    """A black nursery bag of soil with a young grafted tree."""
    top = bottom - w * 0.9
    d.polygon([(cx - w / 2, top), (cx + w / 2, top), (cx + w * 0.42, bottom), (cx - w * 0.42, bottom)], fill=bag)
    d.ellipse([cx - w / 2, top - w * 0.1, cx + w / 2, top + w * 0.1], fill=(92, 66, 46))
    stem_top = top - w * rng.uniform(1.1, 1.5)
    d.line([(cx, top), (cx + w * 0.05, stem_top)], fill=(110, 82, 56), width=max(3, int(w * 0.06)))
    for k in range(rng.randint(5, 7)):
        y = stem_top + (top - stem_top) * k / 8
        side = 1 if k % 2 else -1
        d.polygon(_leaf(cx + w * 0.03, y, -math.pi / 2 + side * rng.uniform(0.7, 1.2), w * 0.5, w * 0.2),
                  fill=(LEAF_DARK, LEAF, LEAF_LIGHT)[k % 3])


def _motif_seedlings(d, W, rng, palette):
    """Three seedlings in nursery bags, the middle one in front."""
    bag = rng.choice([(44, 44, 46), (60, 56, 50), (38, 48, 40)])
    for x, bottom, w in ((0.32, 0.72, 0.17), (0.68, 0.72, 0.17), (0.5, 0.8, 0.2)):
        _seedling(d, W * x, W * bottom, W * w, rng, bag)
    return (W * 0.18, W * 0.77, W * 0.82, W * 0.84)


def _motif_fruit(d, W, rng, palette, colors, spiky=False, hairy=False):
    """Fresh fruit piled on a woven plate."""
    skin, detail = colors
    cx, cy, pw = W * 0.5, W * 0.66, W * 0.34
    d.ellipse([cx - pw, cy - pw * 0.22, cx + pw, cy + pw * 0.3], fill=(176, 134, 84))
    d.ellipse([cx - pw * 0.92, cy - pw * 0.18, cx + pw * 0.92, cy + pw * 0.22], fill=(204, 164, 110))
    r = pw * (0.36 if spiky else 0.26)
    spots = ([(-0.45, -0.1), (0.45, -0.1), (0, -0.5)] if spiky else
             [(-0.6, -0.05), (0, 0.02), (0.6, -0.05), (-0.3, -0.45), (0.3, -0.45), (0, -0.85)])
    for fx, fy in spots:
        x, y = cx + fx * pw, cy + fy * pw
        color = _jitter(skin, rng, 10)
        if hairy:
            for a in range(0, 360, 20):
                t = math.radians(a)
                d.line([(x + math.cos(t) * r * 0.9, y + math.sin(t) * r * 0.9),
                        (x + math.cos(t + 0.3) * r * 1.3, y + math.sin(t + 0.3) * r * 1.3)], fill=detail, width=3)
        d.ellipse([x - r, y - r, x + r, y + r], fill=color)
        if spiky:
            for a in range(0, 360, 30):
                t = math.radians(a)
                d.polygon([(x + math.cos(t - 0.12) * r * 0.95, y + math.sin(t - 0.12) * r * 0.95),
                           (x + math.cos(t) * r * 1.15, y + math.sin(t) * r * 1.15),
                           (x + math.cos(t + 0.12) * r * 0.95, y + math.sin(t + 0.12) * r * 0.95)], fill=detail)
            for k in range(12):
                px, py = x + rng.uniform(-0.6, 0.6) * r, y + rng.uniform(-0.6, 0.6) * r
                d.polygon([(px - r * 0.08, py + r * 0.06), (px, py - r * 0.1), (px + r * 0.08, py + r * 0.06)],
                          fill=detail)
        elif not hairy:  # a mangosteen's green calyx
            _draw_leaves_fan(d, x, y - r * 0.85, rng, r * 0.45, 4, 2.4, -math.pi / 2, [detail])
        d.ellipse([x - r * 0.55, y - r * 0.6, x - r * 0.1, y - r * 0.25], fill=(255, 255, 255, 50))
    return (cx - pw * 1.1, cy + pw * 0.12, cx + pw * 1.1, cy + pw * 0.45)


def _fish_body(x, y, angle, length, width, steps=16):
    """Outline of a fish body seen from above: rounded head, tapering to the tail."""
    dx, dy = math.cos(angle), math.sin(angle)
    nx, ny = -dy, dx
    widest = 0.62
    left, right = [], []
    for i in range(steps + 1):
        t = i / steps
        if t <= widest:
            half = width / 2 * (1 - ((widest - t) / widest) ** 1.8) ** 0.6
            half = max(half, width * 0.06)
        else:
            half = width / 2 * math.sqrt(max(0.0, 1 - ((t - widest) / (1 - widest)) ** 2))
        px, py = x + dx * length * (t - 0.5), y + dy * length * (t - 0.5)
        left.append((px + nx * half, py + ny * half))
        right.append((px - nx * half, py - ny * half))
    return left + right[::-1]


def _fish(d, x, y, angle, length, body, fin, spots=(), spot_color=None):
    """A fish seen from above, head towards `angle`, centred on (x, y)."""
    dx, dy = math.cos(angle), math.sin(angle)
    nx, ny = -dy, dx
    tx, ty = x - dx * length * 0.48, y - dy * length * 0.48
    back = angle + math.pi
    tips = [(tx + math.cos(back + s * 0.5) * length * 0.3, ty + math.sin(back + s * 0.5) * length * 0.3)
            for s in (-1, 1)]
    notch = (tx + math.cos(back) * length * 0.17, ty + math.sin(back) * length * 0.17)
    d.polygon([(tx + nx * length * 0.03, ty + ny * length * 0.03), tips[0], notch, tips[1],
               (tx - nx * length * 0.03, ty - ny * length * 0.03)], fill=fin)
    for side in (-1, 1):  # pectoral fins, swept back
        fx, fy = x + dx * length * 0.14 + nx * side * length * 0.1, y + dy * length * 0.14 + ny * side * length * 0.1
        d.polygon(_leaf(fx, fy, back + side * 0.9, length * 0.2, length * 0.11), fill=fin)
    d.polygon(_fish_body(x, y, angle, length, length * 0.3), fill=body)
    for t, size in spots:
        sx, sy = x + dx * length * (t - 0.5), y + dy * length * (t - 0.5)
        rr = length * size
        d.ellipse([sx - rr, sy - rr, sx + rr, sy + rr], fill=spot_color)
    for side in (-1, 1):  # eyes
        ex, ey = x + dx * length * 0.4 + nx * side * length * 0.07, y + dy * length * 0.4 + ny * side * length * 0.07
        e = length * 0.018
        d.ellipse([ex - e, ey - e, ex + e, ey + e], fill=(40, 36, 34))


def _motif_koi(d, W, rng):
    """Two koi circling in a round pond with lily pads."""
    cx, cy, r = W * 0.5, W * 0.5, W * 0.31
    d.ellipse([cx - r * 1.06, cy - r * 1.06, cx + r * 1.06, cy + r * 1.06], fill=(186, 208, 196))
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(84, 146, 160))
    d.ellipse([cx - r * 0.93, cy - r * 0.93, cx + r * 0.93, cy + r * 0.93], fill=(96, 160, 174))
    start = rng.uniform(0, math.tau)
    for k, a in enumerate((start, start + math.pi + rng.uniform(-0.6, 0.6))):  # lily pads
        px, py = cx + math.cos(a) * r * 0.66, cy + math.sin(a) * r * 0.66
        pr = r * (0.18 if k == 0 else 0.13)
        d.pieslice([px - pr, py - pr, px + pr, py + pr], math.degrees(a) + 200, math.degrees(a) + 520,
                   fill=LEAF if k == 0 else LEAF_LIGHT)
    ring = rng.uniform(0, math.tau)
    rx, ry = cx + math.cos(ring) * r * 0.4, cy + math.sin(ring) * r * 0.4
    for rr in (r * 0.08, r * 0.15):
        d.ellipse([rx - rr, ry - rr, rx + rr, ry + rr], outline=(255, 255, 255, 70), width=3)
    swim = start + math.pi / 2
    for k in range(2):  # a kohaku (white with red) and an ogon (orange), circling
        pos = swim + k * math.pi
        fx, fy = cx + math.cos(pos) * r * 0.36, cy + math.sin(pos) * r * 0.36
        heading = pos + math.pi / 2 + rng.uniform(-0.15, 0.15)
        length = r * rng.uniform(0.78, 0.9)
        if k == 0:
            _fish(d, fx, fy, heading, length, (250, 246, 238), (246, 232, 222),
                  [(0.74, 0.075), (0.44, 0.065)], (226, 72, 44))
        else:
            _fish(d, fx, fy, heading, length, (240, 140, 60), (250, 196, 130))
    return (cx - r * 1.05, cy + r * 0.85, cx + r * 1.05, cy + r * 1.2)


def _motif_crackers(d, W, rng, palette):
    """Round rice crackers (bánh tráng, bánh phồng) stacked with a coconut half and leaves."""
    cx, cy = W * 0.5, W * 0.56
    r = W * rng.uniform(0.26, 0.29)
    _draw_leaves_fan(d, cx + r * 0.55, cy - r * 0.45, rng, W * 0.28, 5, 1.8, -math.pi / 2 - 0.3,
                     [LEAF_DARK, LEAF, LEAF_LIGHT])
    base = palette["cracker"]
    for k in range(4):
        y = cy + r * 0.3 - k * r * 0.09
        ox = rng.uniform(-0.05, 0.05) * r
        shade = _mix(base, (120, 80, 40), 0.18 - k * 0.04)
        d.ellipse([cx - r + ox, y - r * 0.42, cx + r + ox, y + r * 0.42], fill=shade)
        d.ellipse([cx - r + ox, y - r * 0.44, cx + r + ox, y + r * 0.38], fill=_mix(base, (255, 255, 255), k * 0.05))
    top_y = cy + r * 0.3 - 3 * r * 0.09
    for _ in range(rng.randint(22, 34)):  # sesame
        a, rr = rng.uniform(0, math.tau), math.sqrt(rng.random()) * r * 0.85
        sx, sy = cx + math.cos(a) * rr, top_y - r * 0.03 + math.sin(a) * rr * 0.38
        s = W * 0.0045
        d.ellipse([sx - s * 1.6, sy - s, sx + s * 1.6, sy + s], fill=rng.choice(((60, 48, 40), (240, 226, 196))))
    _coconut_half(d, cx - r * 0.78, cy + r * 0.55, r * 0.36, rng)
    return (cx - r * 1.15, cy + r * 0.55, cx + r * 1.15, cy + r * 0.95)


def _motif_dried_fish(canvas, d, W, rng, palette):
    """Sun-dried fish laid out on a round woven tray (nia)."""
    cx, cy, r = W * 0.5, W * 0.52, W * 0.31
    _weave_disc(canvas, d, cx, cy, r, 15, (222, 196, 150), (200, 170, 120), (160, 126, 84), (150, 112, 70))
    body = rng.choice([(214, 150, 84), (196, 124, 70), (226, 168, 100)])
    count = rng.choice((2, 3))
    for k in range(count):
        offset = k - (count - 1) / 2
        angle = -math.pi / 2 + offset * 0.25 + rng.uniform(-0.06, 0.06)
        length = r * rng.uniform(1.05, 1.2)
        _fish(d, cx + offset * r * 0.5, cy + r * 0.02, angle, length, body, _mix(body, (90, 50, 20), 0.3))
    return (cx - r * 1.05, cy + r * 0.8, cx + r * 1.05, cy + r * 1.15)


def _motif_plant(d, W, rng, palette):
    cx = W * 0.5
    pot_top, pot_bottom = W * 0.6, W * 0.8
    pw = W * rng.uniform(0.24, 0.28)
    pot = palette["pot"]
    d.polygon([(cx - pw / 2, pot_top), (cx + pw / 2, pot_top), (cx + pw * 0.38, pot_bottom),
               (cx - pw * 0.38, pot_bottom)], fill=pot)
    d.rounded_rectangle([cx - pw * 0.56, pot_top - W * 0.035, cx + pw * 0.56, pot_top + W * 0.01],
                        radius=W * 0.008, fill=_mix(pot, (255, 255, 255), 0.15))
    d.polygon([(cx - pw * 0.3, pot_top + 8), (cx - pw * 0.18, pot_top + 8), (cx - pw * 0.12, pot_bottom - 6),
               (cx - pw * 0.22, pot_bottom - 6)], fill=(255, 255, 255, 40))
    base_y = pot_top - W * 0.02
    leaf_colors = [LEAF_DARK, LEAF, LEAF_LIGHT]
    _draw_leaves_fan(d, cx, base_y, rng, W * 0.26, rng.randint(6, 8), 2.3, -math.pi / 2, leaf_colors)
    flower = palette["flower"] if rng.random() < 0.7 else (246, 196, 60)
    for k in range(rng.randint(3, 5)):
        angle = -math.pi / 2 + rng.uniform(-0.9, 0.9)
        dist = W * rng.uniform(0.16, 0.27)
        fx, fy = cx + math.cos(angle) * dist, base_y + math.sin(angle) * dist
        d.line([(cx, base_y), (fx, fy)], fill=LEAF_DARK, width=max(3, int(W * 0.006)))
        pr = W * rng.uniform(0.032, 0.045)
        color = _jitter(flower, rng, 12)
        for p in range(5):
            a = p * math.tau / 5 + k
            px, py = fx + math.cos(a) * pr * 0.9, fy + math.sin(a) * pr * 0.9
            d.ellipse([px - pr * 0.7, py - pr * 0.7, px + pr * 0.7, py + pr * 0.7], fill=color)
        d.ellipse([fx - pr * 0.4, fy - pr * 0.4, fx + pr * 0.4, fy + pr * 0.4], fill=(250, 214, 90))
    return (cx - pw * 0.75, pot_bottom - W * 0.02, cx + pw * 0.75, pot_bottom + W * 0.035)


def _palm(d, x, y, height, rng, lean, trunk=(120, 92, 64), leaves=(LEAF_DARK, LEAF, LEAF_LIGHT), nuts=True):
    """A coconut palm with its foot at (x, y)."""
    steps = 12
    spine = []
    for i in range(steps + 1):
        t = i / steps
        spine.append((x + lean * height * t * t, y - height * t))
    base_w, top_w = height * 0.05, height * 0.028
    left = [(px - (base_w + (top_w - base_w) * i / steps) / 2, py) for i, (px, py) in enumerate(spine)]
    right = [(px + (base_w + (top_w - base_w) * i / steps) / 2, py) for i, (px, py) in enumerate(spine)]
    d.polygon(left + right[::-1], fill=trunk)
    for i in range(1, steps, 2):  # trunk rings
        px, py = spine[i]
        w = (base_w + (top_w - base_w) * i / steps) / 2
        d.line([(px - w, py), (px + w, py)], fill=_mix(trunk, (0, 0, 0), 0.2), width=max(1, int(height * 0.006)))
    cx, cy = spine[-1]
    n = rng.randint(7, 9)
    for k in range(n):
        angle = -math.pi / 2 + (k / (n - 1) - 0.5) * math.pi * 1.5 + rng.uniform(-0.1, 0.1)
        droop = 1.1 if math.cos(angle) > 0 else -1.1
        length = height * rng.uniform(0.42, 0.55)
        d.polygon(_frond(cx, cy, angle, length, droop * rng.uniform(0.6, 1.0), height * 0.07),
                  fill=leaves[k % len(leaves)])
    for k in range(3 if nuts else 0):
        d.ellipse([cx - height * 0.03 + (k - 1) * height * 0.035, cy, cx + height * 0.03 + (k - 1) * height * 0.035,
                   cy + height * 0.06], fill=COCONUT_GREEN_DARK)


def _boat(d, cx, y, length, rng, color=(96, 62, 40)):
    """A sampan (xuồng) with a rower in a conical hat."""
    hull = [(cx - length / 2, y - length * 0.07), (cx + length / 2, y - length * 0.09),
            (cx + length * 0.38, y + length * 0.03), (cx - length * 0.36, y + length * 0.03)]
    d.polygon(hull, fill=color)
    d.line([hull[0], hull[1]], fill=_mix(color, (255, 255, 255), 0.3), width=max(2, int(length * 0.012)))
    px = cx + rng.uniform(-0.1, 0.1) * length
    body_h = length * 0.2
    d.rounded_rectangle([px - length * 0.045, y - length * 0.08 - body_h, px + length * 0.045, y - length * 0.07],
                        radius=length * 0.02, fill=(60, 82, 120))
    hat_y = y - length * 0.08 - body_h
    d.polygon([(px - length * 0.1, hat_y + length * 0.01), (px + length * 0.1, hat_y + length * 0.01),
               (px, hat_y - length * 0.08)], fill=(232, 204, 140))
    d.line([(px + length * 0.05, hat_y + length * 0.1), (px + length * 0.3, y + length * 0.06)],
           fill=(90, 60, 36), width=max(2, int(length * 0.014)))


def _house(d, x, y, w, rng):
    """A stilted riverside house with a tiled or thatched roof, foot at (x, y)."""
    wall = _jitter((236, 214, 180), rng, 8)
    roof = rng.choice([(168, 84, 58), (150, 110, 70), (124, 96, 70)])
    h = w * 0.45
    for k in range(4):
        px = x + w * (0.1 + 0.27 * k)
        d.rectangle([px, y - w * 0.12, px + w * 0.03, y], fill=(100, 72, 48))
    d.rectangle([x, y - w * 0.12 - h, x + w, y - w * 0.12], fill=wall)
    d.polygon([(x - w * 0.12, y - w * 0.12 - h + 2), (x + w * 1.12, y - w * 0.12 - h + 2),
               (x + w * 0.8, y - w * 0.12 - h - w * 0.34), (x + w * 0.2, y - w * 0.12 - h - w * 0.34)], fill=roof)
    d.rectangle([x + w * 0.18, y - w * 0.12 - h * 0.75, x + w * 0.36, y - w * 0.12 - h * 0.35], fill=(120, 86, 56))
    d.rectangle([x + w * 0.6, y - w * 0.12 - h * 0.8, x + w * 0.78, y - w * 0.12], fill=(110, 76, 48))


def _waves(d, W, y0, y1, rng, color, count=7):
    for i in range(count):
        y = y0 + (y1 - y0) * (i + 0.5) / count
        x = W * rng.uniform(0.05, 0.65)
        length = W * rng.uniform(0.1, 0.25) * (0.6 + 0.6 * i / count)
        d.rounded_rectangle([x, y, x + length, y + max(3, W * 0.006)], radius=W * 0.004, fill=color)


def _cloud(d, x, y, w, color):
    """A soft flat cloud: overlapping puffs on a level base."""
    for dx, dy, r in ((0.0, 0.0, 0.22), (0.22, -0.1, 0.28), (0.5, -0.02, 0.22), (0.7, 0.04, 0.16)):
        d.ellipse([x + dx * w - r * w, y + dy * w - r * w, x + dx * w + r * w, y + dy * w + r * w * 0.7],
                  fill=color)
    d.rectangle([x - 0.2 * w, y, x + 0.84 * w, y + 0.1 * w], fill=color)


def _river_scene(d, W, rng, palette, with_house, horizon=None, far_bank=True, sun=True):
    """River landscape: sky with sun and clouds (unless the caller drew its own), far bank (or
    the caller's), water, palms on the near bank, a boat."""
    horizon = horizon or W * rng.uniform(0.5, 0.56)
    side = rng.choice((-1, 1))  # which side the near bank is on
    sun_x, sun_y = W * (0.5 + side * -rng.uniform(0.18, 0.3)), W * rng.uniform(0.17, 0.27)
    if sun:
        sr = W * 0.07
        d.ellipse([sun_x - sr * 1.6, sun_y - sr * 1.6, sun_x + sr * 1.6, sun_y + sr * 1.6], fill=(255, 244, 214, 60))
        d.ellipse([sun_x - sr, sun_y - sr, sun_x + sr, sun_y + sr], fill=(255, 222, 150))
        for _ in range(rng.randint(1, 2)):
            _cloud(d, W * rng.uniform(0.08, 0.7), W * rng.uniform(0.12, 0.32), W * rng.uniform(0.14, 0.22),
                   (255, 255, 255, 170))
    if far_bank:  # a low strip of trees with a few distant palms
        bank = palette["bank"]
        far = _mix(bank, (40, 60, 40), 0.12)
        for _ in range(rng.randint(2, 4)):
            _palm(d, W * rng.uniform(0.05, 0.95), horizon - W * 0.02, W * rng.uniform(0.1, 0.15), rng,
                  lean=rng.uniform(-0.2, 0.2), trunk=far, leaves=(far,), nuts=False)
        d.rectangle([0, horizon - W * 0.03, W, horizon + W * 0.01], fill=bank)
        x = -W * 0.05
        while x < W * 1.05:
            r = W * rng.uniform(0.03, 0.06)
            d.ellipse([x - r, horizon - W * 0.03 - r * 0.9, x + r, horizon - W * 0.03 + r * 0.9], fill=bank)
            x += r * 1.4
    # water, with the sun's reflection
    water = palette["water"]
    d.rectangle([0, horizon + W * 0.01, W, W], fill=water)
    d.rectangle([0, horizon + W * 0.01, W, horizon + W * 0.025], fill=_mix(water, (255, 255, 255), 0.25))
    for k in range(5):
        y = horizon + W * (0.045 + 0.03 * k)
        half = W * (0.07 - 0.01 * k)
        d.rounded_rectangle([sun_x - half, y, sun_x + half, y + W * 0.007], radius=W * 0.003,
                            fill=(255, 236, 190, 110))
    _waves(d, W, horizon + W * 0.2, W * 0.97, rng, _mix(water, (255, 255, 255), 0.35), count=5)
    # near bank on one side with palms (and a house)
    bx = W * (0.0 if side < 0 else 1.0)
    d.ellipse([bx - W * 0.45, horizon - W * 0.02, bx + W * 0.45, horizon + W * 0.2], fill=palette["near"])
    if with_house:
        _house(d, W * (0.06 if side < 0 else 0.7), horizon + W * 0.06, W * 0.24, rng)
    for k in range(rng.randint(2, 3)):
        offset = (0.33 + 0.08 * k) if with_house else (0.06 + 0.11 * k + rng.uniform(0, 0.03))
        _palm(d, bx - side * W * offset, horizon + W * 0.08, W * rng.uniform(0.32, 0.44), rng,
              lean=-side * rng.uniform(0.05, 0.25))
    _boat(d, W * (0.5 - side * rng.uniform(0.0, 0.12)), W * rng.uniform(0.78, 0.84), W * 0.32, rng)


def _bokeh(d, W, rng, color, count):
    for _ in range(count):
        r = W * rng.uniform(0.015, 0.05)
        x, y = W * rng.uniform(0.04, 0.96), W * rng.uniform(0.04, 0.96)
        d.ellipse([x - r, y - r, x + r, y + r], fill=color + (rng.randint(18, 40),))


# What a product is drawn as: the first rule whose slug word (or category code prefix) fits.
# Cosmetics are tubes and pump bottles, not drink bottles; oils are oil bottles; rope is a coil.
MOTIF_RULES = (
    (("keo-",), None, "candies"),
    (("dau-goi", "sua-rua-mat", "kem-", "mat-na", "son-", "xa-phong", "duong-toc"), None, "cosmetics"),
    (("tinh-dau",), None, "dropper"),
    (("dau-dua",), None, "oil"),
    (("day-xo", "luoi-xo"), None, "coil"),
    (("gao-dua", "go-dua"), None, "shell"),
    (("cay-giong",), None, "seedlings"),
    (("muoi-",), None, "salt"),
    (("banh-trang", "banh-phong", "banh-dua"), None, "crackers"),
    (("mam-", "mut-", "thach-", "duong-", "mat-ong", "phan-hoa", "bot-", "com-dua", "vien-nang", "say-"), None,
     "jar"),
    (("nuoc-", "sua-", "giam-", "ruou-"), None, "bottle"),
    (("sau-rieng", "chom-chom", "mang-cut"), "1.1", "fruit"),
    ((), "1.5", "dried_fish"),
    ((), "1.6", "bottle"),
    ((), "1.7", "jar"),
    ((), "1.8", "jar"),
    ((), "2", "bottle"),
    ((), "3", "cosmetics"),
    ((), "4", "weave"),
    ((), "5.2", "seedlings"),
    ((), "5.3", "koi"),
    ((), "5", "plant"),
    ((), "6.1", "homestay"),
    ((), "6", "boat"),
)


def motif_kind(slug, category_code):
    """What a product's picture shows, from its slug's words and its OCOP category."""
    code = category_code or "1"
    for words, category, kind in MOTIF_RULES:
        if words and not any(word in slug for word in words):
            continue
        if category and not (code == category or code.startswith(category + ".")):
            continue
        return kind
    return "coconuts"


# Fruit colours (skin, darker detail) by a word in the slug.
FRUITS = {"sau-rieng": ((150, 168, 70), (110, 124, 46)), "chom-chom": ((214, 54, 46), (150, 190, 70)),
          "mang-cut": ((96, 40, 70), (90, 130, 60))}


def _pick_motif(kind, rng, palette, slug=""):
    """The function drawing a motif of `kind` (see motif_kind), with this product's variations."""
    def bottle(shape, liquid):
        palette["liquid"] = liquid
        return lambda canvas, d, W: _motif_bottle(d, W, rng, palette, shape)

    if kind == "candies":
        return lambda canvas, d, W: _motif_candies(d, W, rng, palette, slug)
    if kind == "cosmetics":
        return lambda canvas, d, W: _motif_cosmetics(d, W, rng, palette)
    if kind == "dropper":
        palette["glass"] = (196, 128, 60, 235)
        return bottle("dropper", (226, 160, 70))
    if kind == "oil":
        palette["glass"] = (246, 250, 246, 225)
        return bottle("bottle", rng.choice([(246, 222, 130), (240, 210, 110), (250, 232, 160)]))
    if kind == "salt":
        return bottle("jar", (250, 250, 246))
    if kind == "jar":
        return bottle("jar", rng.choice([(244, 236, 214), (200, 226, 170), (236, 200, 150), (214, 180, 210),
                                         (232, 170, 64), (150, 84, 40)]))
    if kind == "bottle":
        return bottle("bottle", rng.choice([(252, 248, 236), (240, 226, 190), (236, 206, 120), (176, 106, 48)]))
    if kind == "crackers":
        return lambda canvas, d, W: _motif_crackers(d, W, rng, palette)
    if kind == "dried_fish":
        return lambda canvas, d, W: _motif_dried_fish(canvas, d, W, rng, palette)
    if kind == "coil":
        return lambda canvas, d, W: _motif_coil(d, W, rng, palette)
    if kind in ("weave", "shell"):
        return lambda canvas, d, W: _motif_weave(canvas, d, W, rng, palette, bowl=kind == "shell")
    if kind == "seedlings":
        return lambda canvas, d, W: _motif_seedlings(d, W, rng, palette)
    if kind == "koi":
        return lambda canvas, d, W: _motif_koi(d, W, rng)
    if kind == "plant":
        return lambda canvas, d, W: _motif_plant(d, W, rng, palette)
    if kind == "fruit":
        colors = next((c for word, c in FRUITS.items() if word in slug), ((236, 170, 60), (120, 150, 60)))
        return lambda canvas, d, W: _motif_fruit(d, W, rng, palette, colors, spiky="sau-rieng" in slug,
                                                 hairy="chom-chom" in slug)
    return lambda canvas, d, W: _motif_coconuts(d, W, rng, palette, green="xiem" in slug or rng.random() < 0.4)


def product_image(slug: str, category_code: str, size: int = 800) -> Image.Image:
    """A square, deterministic illustration for a product: its group's gradient and the motif of
    its kind (`motif_kind`: cosmetics as tubes and pump bottles, candy wrapped, rope coiled…)."""
    rng = _rng(slug, "product")
    code = category_code or "1"
    group = code.split(".")[0] if code.split(".")[0] in PALETTES else "1"
    base = PALETTES[group]
    top, bottom = (_jitter(c, rng, 6) for c in rng.choice(base["bg"]))
    W = size * SUPERSAMPLE
    accent = _jitter(base["accent"], rng, 12)
    palette = {
        "piece": rng.choice([(240, 226, 200), (200, 160, 110), (172, 206, 140), (150, 104, 70)]),
        "glass": _mix(bottom, (255, 255, 255), 0.72) + (235,),
        "outline": _mix(bottom, (40, 40, 40), 0.35) + (150,),
        "cap": accent,
        "liquid": rng.choice([(255, 250, 236), (238, 226, 196), (246, 238, 214)]),
        "label": (255, 251, 242),
        "label_line": accent,
        "strand": (214, 178, 128),
        "strand_dark": (178, 134, 86),
        "rim": (124, 86, 52),
        "under": (98, 66, 40),
        "pot": rng.choice([(196, 112, 76), (176, 96, 66), (150, 122, 96)]),
        "flower": rng.choice([(236, 118, 150), (230, 90, 120), (246, 160, 180), (250, 190, 80)]),
        "cracker": rng.choice([(246, 236, 214), (240, 224, 190), (236, 214, 170)]),
        "plate": rng.choice([(252, 250, 244), (236, 226, 206), (214, 232, 226)]),
        "bank": (118, 160, 100),
        "near": (96, 140, 80),
        "water": (118, 178, 206),
    }
    background = _gradient(size, top, bottom, angle=rng.choice((0, 0, 15, -15, 30, -30)))
    _bokeh(ImageDraw.Draw(background, "RGBA"), size, rng, (255, 255, 255), rng.randint(4, 7))
    kind = motif_kind(slug, code)
    if kind in ("homestay", "boat"):
        canvas, d = _canvas(background)
        _river_scene(d, W, rng, palette, with_house=kind == "homestay")
        return _finish(canvas)
    _glow(background, (size // 2, size // 2), int(size * 0.46), (255, 255, 255), 0.55)
    motif = _pick_motif(kind, rng, palette, slug)
    state = rng.getstate()
    box = motif(None, _NULL, W)  # dry run: where does the shadow go?
    _shadow(background, [v / SUPERSAMPLE for v in box])
    rng.setstate(state)
    canvas, d = _canvas(background)
    motif(canvas, d, W)
    return _finish(canvas)


# A producer's craft, from the words of its (folded) name: what its picture shows in front.
CRAFTS = (
    (("keo dua",), "candies"), (("xo dua", "dan tham"), "coil"), (("gao dua", "my nghe"), "shell"),
    (("cay giong",), "seedlings"), (("hoa kieng",), "plant"), (("ca canh",), "koi"), (("trai cay",), "fruit"),
    (("homestay", "du lich"), "homestay"), (("ong mat",), "jar"), (("thuy san", "kho ca", "tom"), "dried_fish"),
    (("bo ",), "cattle"), (("banh phong", "banh trang"), "crackers"), (("my pham",), "cosmetics"),
    (("dau dua",), "oil"), (("ruou", "nuoc mau", "nuoc mam"), "bottle"), (("thach", "mut"), "jar"),
)
# The legacy district's landscape: coast, orchards, coconut groves, paddies, town or river.
LANDSCAPES = {"binh-dai": "coast", "ba-tri": "coast", "thanh-phu": "coast", "cho-lach": "orchard",
              "mo-cay-nam": "groves", "mo-cay-bac": "groves", "giong-trom": "fields", "tp-ben-tre": "town",
              "chau-thanh": "river"}


def craft_of(name):
    """What a producer makes, from its name (see CRAFTS); coconuts when nothing fits."""
    folded = fold(name) + " "
    return next((kind for words, kind in CRAFTS if any(word in folded for word in words)), "coconuts")


def _sky(d, W, rng, horizon):
    sun_x, sun_y, sr = W * rng.uniform(0.15, 0.85), W * rng.uniform(0.1, 0.25), W * 0.06
    d.ellipse([sun_x - sr * 1.6, sun_y - sr * 1.6, sun_x + sr * 1.6, sun_y + sr * 1.6], fill=(255, 244, 214, 60))
    d.ellipse([sun_x - sr, sun_y - sr, sun_x + sr, sun_y + sr], fill=(255, 222, 150))
    for _ in range(rng.randint(1, 3)):
        _cloud(d, W * rng.uniform(0.05, 0.75), W * rng.uniform(0.08, horizon / W - 0.12), W * rng.uniform(0.12, 0.2),
               (255, 255, 255, 170))


def _land(d, W, rng, horizon, color):
    d.rectangle([0, horizon, W, W], fill=color)
    d.rectangle([0, horizon, W, horizon + W * 0.02], fill=_mix(color, (40, 60, 40), 0.15))


def _coast(d, W, rng, palette, horizon):
    """Sea to the horizon, a sandy shore with mangroves and fishing stakes."""
    d.rectangle([0, horizon, W, W], fill=palette["water"])
    _waves(d, W, horizon + W * 0.03, W * 0.7, rng, _mix(palette["water"], (255, 255, 255), 0.35), count=6)
    for _ in range(rng.randint(4, 8)):  # stakes of a fish trap
        x = W * rng.uniform(0.1, 0.9)
        y = horizon + W * rng.uniform(0.05, 0.2)
        d.line([(x, y - W * 0.05), (x, y)], fill=(90, 70, 50), width=4)
    shore = W * rng.uniform(0.72, 0.78)
    sand = _jitter((232, 212, 164), rng, 10)
    d.polygon([(0, shore), (W * 0.5, shore + W * rng.uniform(-0.04, 0.04)), (W, shore), (W, W), (0, W)], fill=sand)
    for _ in range(rng.randint(5, 9)):  # mangrove bushes along the shore
        x, r = W * rng.uniform(0, 1), W * rng.uniform(0.04, 0.08)
        d.ellipse([x - r, shore - r * 1.2, x + r, shore + r * 0.3], fill=_jitter((64, 112, 70), rng, 12))
    _boat(d, W * rng.uniform(0.3, 0.7), horizon + W * rng.uniform(0.12, 0.2), W * 0.2, rng)


def _groves(d, W, rng, palette, horizon):
    """Coconut groves to the horizon, a canal through them."""
    _land(d, W, rng, horizon, palette["near"])
    for row in range(3):
        y = horizon + W * (0.04 + row * 0.12)
        for _ in range(rng.randint(4, 6)):
            _palm(d, W * rng.uniform(-0.05, 1.05), y, W * (0.18 + row * 0.1), rng, lean=rng.uniform(-0.2, 0.2),
                  trunk=_mix((120, 92, 64), palette["near"], 0.3 - row * 0.1), nuts=row == 2)
    cx = W * rng.uniform(0.3, 0.7)
    d.polygon([(cx - W * 0.02, horizon), (cx + W * 0.02, horizon), (cx + W * 0.25, W), (cx - W * 0.15, W)],
              fill=palette["water"])


def _orchard(d, W, rng, palette, horizon):
    """Rows of fruit trees and flower beds along a canal (Chợ Lách's gardens)."""
    _land(d, W, rng, horizon, palette["near"])
    fruit = rng.choice([(236, 170, 60), (214, 54, 46), (96, 40, 70), (240, 200, 80)])
    for row in range(3):
        y = horizon + W * (0.05 + row * 0.13)
        r = W * (0.05 + row * 0.025)
        x = -rng.uniform(0, r)
        while x < W + r:
            d.rectangle([x - r * 0.08, y - r * 0.2, x + r * 0.08, y + r * 0.6], fill=(110, 82, 56))
            d.ellipse([x - r, y - r * 1.7, x + r, y + r * 0.1], fill=_jitter(LEAF_DARK, rng, 14))
            for _ in range(4):
                fx, fy = x + rng.uniform(-0.6, 0.6) * r, y - r * rng.uniform(0.3, 1.3)
                d.ellipse([fx - r * 0.12, fy - r * 0.12, fx + r * 0.12, fy + r * 0.12], fill=fruit)
            x += r * rng.uniform(2.2, 2.8)
    d.rectangle([0, W * 0.9, W, W], fill=palette["water"])


def _fields(d, W, rng, palette, horizon):
    """Rice paddies in bands of green, palms along the far dike."""
    _land(d, W, rng, horizon, palette["near"])
    for _ in range(rng.randint(3, 5)):
        _palm(d, W * rng.uniform(0, 1), horizon + W * 0.01, W * rng.uniform(0.12, 0.18), rng,
              lean=rng.uniform(-0.2, 0.2), nuts=False)
    y, k = horizon + W * 0.03, 0
    while y < W:
        h = W * (0.03 + k * 0.02)
        d.rectangle([0, y, W, y + h], fill=_jitter((150, 196, 90) if k % 2 else (120, 176, 80), rng, 10))
        d.rectangle([0, y + h - W * 0.006, W, y + h], fill=(170, 150, 110))
        y, k = y + h, k + 1


def _town(d, W, rng, palette, horizon):
    """A river town: rows of shophouses on the far bank, a bridge."""
    x = 0.0
    while x < W:
        w, h = W * rng.uniform(0.06, 0.1), W * rng.uniform(0.08, 0.18)
        d.rectangle([x, horizon - h, x + w, horizon], fill=_jitter(rng.choice(
            [(236, 214, 180), (230, 190, 150), (214, 226, 230), (246, 236, 200)]), rng, 8))
        d.rectangle([x, horizon - h, x + w, horizon - h + W * 0.012], fill=(168, 84, 58))
        for wy in range(2):
            d.rectangle([x + w * 0.25, horizon - h * (0.8 - wy * 0.4), x + w * 0.45, horizon - h * (0.6 - wy * 0.4)],
                        fill=(120, 140, 160))
        x += w + W * 0.005
    _river_scene(d, W, rng, palette, with_house=False, horizon=horizon, far_bank=False)
    y = horizon + W * 0.06
    d.arc([W * 0.1, y - W * 0.1, W * 0.9, y + W * 0.2], 180, 360, fill=(200, 200, 196), width=int(W * 0.012))
    d.line([(W * 0.1, y + W * 0.05), (W * 0.9, y + W * 0.05)], fill=(210, 210, 206), width=int(W * 0.01))


def _cow(d, x, y, w, color):
    """A grazing cow, side on, its foot line at y."""
    h = w * 0.45
    for k in (0.12, 0.3, 0.7, 0.86):
        d.rectangle([x + w * k, y - h * 0.5, x + w * (k + 0.07), y], fill=_mix(color, (0, 0, 0), 0.25))
    d.ellipse([x, y - h * 1.3, x + w, y - h * 0.4], fill=color)
    d.ellipse([x + w * 0.85, y - h * 1.1, x + w * 1.15, y - h * 0.55], fill=color)
    d.polygon([(x + w * 0.9, y - h * 1.05), (x + w * 0.95, y - h * 1.3), (x + w * 0.98, y - h * 1.05)], fill=(236, 226, 200))


def cooperative_image(slug: str, name: str = "", district: str = "", size: int = 600) -> Image.Image:
    """A square scene for a producer: its district's landscape (see LANDSCAPES) with its craft
    (see craft_of) in front, colours and layout varied by the slug."""
    rng = _rng(slug, "cooperative")
    hour = rng.random()
    if hour < 0.55:  # day
        sky_top, sky_bottom, water = (150, 200, 232), (230, 242, 246), (104, 164, 196)
    elif hour < 0.8:  # golden hour
        sky_top, sky_bottom, water = (246, 196, 150), (252, 234, 206), (136, 164, 186)
    else:  # morning mist
        sky_top, sky_bottom, water = (200, 220, 224), (244, 240, 230), (140, 178, 186)
    canvas, d = _canvas(_gradient(size, _jitter(sky_top, rng, 14), _jitter(sky_bottom, rng, 8)))
    W = size * SUPERSAMPLE
    palette = {"bank": _jitter((112, 156, 96), rng, 14), "near": _jitter((104, 150, 84), rng, 16),
               "water": _jitter(water, rng, 12)}
    landscape = LANDSCAPES.get(district, "river")
    craft = craft_of(name or slug.replace("-", " "))
    horizon = W * rng.uniform(0.4, 0.48)
    _sky(d, W, rng, horizon)
    if landscape == "river" or craft == "homestay":
        _river_scene(d, W, rng, palette, with_house=craft == "homestay", horizon=W * rng.uniform(0.5, 0.58),
                     far_bank=True, sun=False)
    else:
        {"coast": _coast, "groves": _groves, "orchard": _orchard, "fields": _fields, "town": _town}[landscape](
            d, W, rng, palette, horizon)
    if craft == "cattle":
        for k in range(rng.randint(2, 3)):
            _cow(d, W * (0.1 + 0.3 * k + rng.uniform(0, 0.08)), W * rng.uniform(0.86, 0.94), W * rng.uniform(0.2, 0.26),
                 rng.choice([(176, 120, 76), (206, 170, 120), (120, 80, 56)]))
    elif craft != "homestay":
        _craft_in_front(canvas, W, rng, craft, slug)
    return _finish(canvas)


def _craft_in_front(canvas, W, rng, craft, slug):
    """The craft's product motif, drawn at half size on a patch of yard in the foreground."""
    layer = Image.new("RGBA", (W, W), (0, 0, 0, 0))
    palette = {"piece": (240, 226, 200), "glass": (250, 250, 246, 235), "outline": (120, 110, 100, 150),
               "cap": _jitter((196, 120, 62), rng, 30), "liquid": (246, 238, 214), "label": (255, 251, 242),
               "label_line": _jitter((196, 120, 62), rng, 30), "strand": (214, 178, 128), "strand_dark": (178, 134, 86),
               "rim": (124, 86, 52), "under": (98, 66, 40), "pot": (196, 112, 76),
               "flower": rng.choice([(236, 118, 150), (250, 190, 80), (230, 90, 120)]),
               "cracker": (246, 236, 214), "plate": (252, 250, 244)}
    _pick_motif(craft, rng, palette, slug)(layer, ImageDraw.Draw(layer, "RGBA"), W)
    scale = rng.uniform(0.5, 0.58)
    small = layer.resize((int(W * scale), int(W * scale)), Image.Resampling.BILINEAR)
    x = int(W * rng.choice((0.02, 0.44)) + W * rng.uniform(0, 0.04))
    y = int(W - W * scale * 0.93)
    ImageDraw.Draw(canvas, "RGBA").ellipse([x - W * 0.04, W * 0.9, x + W * scale + W * 0.04, W * 1.12],
                                           fill=_jitter((170, 140, 100), rng, 14) + (235,))
    canvas.paste(small, (x, y), small)
