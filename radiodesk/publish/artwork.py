"""Podcast artwork that Apple accepts: square, 1400 to 3000 pixels, RGB JPEG or PNG.

A programme's (or the station's) own image is checked and used as it is when it already
meets the rules; a larger or non-square one is cropped to the centre and scaled down; one
that cannot be used (missing, too small, another format) is replaced by a clean generated
image with the title, and the reason is reported.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError, features

from radiodesk.config import Settings
from radiodesk.i18n import _

MIN_SIDE = 1400
MAX_SIDE = 3000
GENERATED_SIDE = 1400
# Bump when the generated image's look changes, so existing files are made again.
ARTWORK_VERSION = "2"

# Calm, high-contrast backgrounds (white text passes WCAG AA on each).
_PALETTE = (
    (17, 75, 95),
    (28, 93, 63),
    (120, 41, 15),
    (74, 44, 110),
    (31, 64, 124),
    (110, 30, 60),
    (60, 72, 30),
    (40, 40, 40),
)


@dataclass(frozen=True)
class Artwork:
    """Image bytes ready to publish, the extension (``.png``/``.jpg``), and any warning."""

    data: bytes
    extension: str
    warning: str | None = None


def source_key(source: Path | None) -> str:
    """What identifies a source image's current state (changes when the file changes)."""
    if source is None:
        return "none"
    try:
        st = source.stat()
    except OSError:
        return f"missing:{source}"
    return f"{source}:{st.st_size}:{st.st_mtime_ns}"


def _square(image: Image.Image) -> Image.Image:
    width, height = image.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    return image.crop((left, top, left + side, top + side))


def inspect_artwork(source: Path | None, where: str) -> tuple[str, str | None]:
    """The extension the published artwork will have, and why ``source`` cannot be used (or
    None), reading only the image's header."""
    if source is None:
        return ".png", None
    try:
        with Image.open(source) as image:
            fmt, size = image.format, image.size
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return ".png", _(
            "{where}: artwork {file} cannot be read; a generated image is used"
        ).format(where=where, file=source)
    if fmt not in ("JPEG", "PNG"):
        return ".png", _("{where}: artwork {file} is {format}, not JPEG or PNG").format(
            where=where, file=source, format=fmt
        )
    if min(size) < MIN_SIDE:
        return ".png", _(
            "{where}: artwork {file} is {w}×{h} pixels; Apple needs at least "
            "{min}×{min}: a generated image is used"
        ).format(where=where, file=source, w=size[0], h=size[1], min=MIN_SIDE)
    return (".jpg" if fmt == "JPEG" else ".png"), None


def prepare_artwork(source: Path | None, title: str, subtitle: str, where: str) -> Artwork:
    """Artwork for ``where`` (a programme or the station) from ``source``, or generated."""
    if source is None:
        return Artwork(generate_artwork(title, subtitle), ".png")
    try:
        raw = source.read_bytes()
        with Image.open(io.BytesIO(raw)) as image:
            image.load()
            fmt = image.format
            if fmt not in ("JPEG", "PNG"):
                reason = _("{where}: artwork {file} is {format}, not JPEG or PNG").format(
                    where=where, file=source, format=fmt
                )
                return Artwork(generate_artwork(title, subtitle), ".png", reason)
            side = min(image.size)
            if side < MIN_SIDE:
                reason = _(
                    "{where}: artwork {file} is {w}×{h} pixels; Apple needs at least "
                    "{min}×{min}: a generated image is used"
                ).format(where=where, file=source, w=image.size[0], h=image.size[1], min=MIN_SIDE)
                return Artwork(generate_artwork(title, subtitle), ".png", reason)
            extension = ".jpg" if fmt == "JPEG" else ".png"
            square = image.size[0] == image.size[1]
            if square and side <= MAX_SIDE and image.mode == "RGB":
                return Artwork(raw, extension)
            fixed = _square(image).convert("RGB")
            if fixed.size[0] > MAX_SIDE:
                fixed = fixed.resize((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            if fmt == "JPEG":
                fixed.save(out, "JPEG", quality=90, optimize=True)
            else:
                fixed.save(out, "PNG", optimize=True)
            return Artwork(out.getvalue(), extension)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        reason = _("{where}: artwork {file} cannot be read; a generated image is used").format(
            where=where, file=source
        )
        return Artwork(generate_artwork(title, subtitle), ".png", reason)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    # Pillow's own font (FreeType build): the same look wherever radiodesk runs.
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: object, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    # Split at plain spaces only: a no-break space keeps "100 FM" on one line.
    for word in text.split(" "):
        if not word:
            continue
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not current:  # type: ignore[arg-type]
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def station_line(name: str, frequency: str) -> str:
    """The station's line under a generated artwork's title: its name, then its frequency.

    The name is isolated (FSI ... PDI), so that a right-to-left name keeps its place before
    the frequency instead of turning the whole line around. Pillow shapes and orders the
    text with libraqm (HarfBuzz and FriBidi); without it Pillow can do neither, and the
    marks would be drawn as boxes, so they are left out.
    """
    if name and features.check("raqm"):
        name = f"\u2068{name}\u2069"
    return f"{name} {frequency}".strip()


@lru_cache(maxsize=64)
def generate_artwork(title: str, subtitle: str, side: int = GENERATED_SIDE) -> bytes:
    """A square PNG of ``side`` pixels: the title in large type over a calm colour chosen
    from the title, and ``subtitle`` (the station) below. Same input, same bytes (and
    remembered, as the desk publishes again and again)."""
    digest = hashlib.sha256(title.encode("utf-8")).digest()
    background = _PALETTE[digest[0] % len(_PALETTE)]
    image = Image.new("RGB", (side, side), background)
    draw = ImageDraw.Draw(image)
    margin = side // 10
    width = side - 2 * margin
    # A band of lighter colour at the bottom carries the station's name.
    band = tuple(min(255, c + 40) for c in background)
    draw.rectangle((0, side - side // 5, side, side), fill=band)
    size = side // 9
    font = _font(size)
    lines = _wrap(draw, title, font, width)
    while len(lines) > 5 and size > side // 30:
        size = int(size * 0.85)
        font = _font(size)
        lines = _wrap(draw, title, font, width)
    lines = lines[:6]
    y = margin
    for line in lines:
        draw.text((margin, y), line, font=font, fill=(255, 255, 255))
        y += int(size * 1.2)
    small = _font(side // 22)
    for i, line in enumerate(_wrap(draw, subtitle, small, width)[:2]):
        draw.text(
            (margin, side - side // 5 + side // 30 + i * int(side / 22 * 1.25)),
            line,
            font=small,
            fill=(255, 255, 255),
        )
    out = io.BytesIO()
    # Level 1: a flat image compresses well anyway, and it is made in a fraction of the time.
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def icon(artwork: bytes, side: int = 64) -> bytes:
    """A small PNG icon (for the page's favicon) from artwork bytes."""
    with Image.open(io.BytesIO(artwork)) as image:
        small = image.convert("RGB").resize((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, "PNG", optimize=True)
    return out.getvalue()


def resolve_artwork(settings: Settings, name: str | None) -> Path | None:
    """An artwork file named in settings or a programme file: relative to the home, or to
    the programmes folder."""
    if not name:
        return None
    for base in (settings.home, settings.shows_dir):
        candidate = (base / name).expanduser()
        if candidate.is_file():
            return candidate
    return settings.home / name
