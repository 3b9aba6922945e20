"""Artwork as Apple wants it: square RGB JPEG or PNG, 1400 to 3000 pixels."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from PIL import Image

from radiodesk.publish import publish, publish_episode
from radiodesk.publish.artwork import generate_artwork, inspect_artwork, prepare_artwork
from tests.conftest import Station
from tests.publish.helpers import NOW, build_world

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def image_file(path: Path, size: tuple[int, int], fmt: str, mode: str = "RGB") -> Path:
    Image.new(mode, size, "teal" if mode == "RGB" else 0).save(path, fmt)
    return path


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_good_image_is_used_as_it_is(tmp_path: Path) -> None:
    source = image_file(tmp_path / "ok.jpg", (1600, 1600), "JPEG")
    art = prepare_artwork(source, "T", "S", "x")
    assert art.data == source.read_bytes() and art.extension == ".jpg" and art.warning is None


def test_a_large_or_oblong_image_is_cropped_and_scaled(tmp_path: Path) -> None:
    wide = image_file(tmp_path / "wide.jpg", (4000, 3200), "JPEG")
    assert inspect_artwork(wide, "x") == (".jpg", None)
    image = opened(prepare_artwork(wide, "T", "S", "x").data)
    assert image.format == "JPEG" and image.size == (3000, 3000) and image.mode == "RGB"
    cmyk = image_file(tmp_path / "cmyk.jpg", (1500, 1500), "JPEG", mode="CMYK")
    assert opened(prepare_artwork(cmyk, "T", "S", "x").data).mode == "RGB"


def test_unusable_images_are_replaced_by_a_generated_one(tmp_path: Path) -> None:
    small = image_file(tmp_path / "small.png", (800, 800), "PNG")
    gif = image_file(tmp_path / "anim.gif", (1500, 1500), "GIF", mode="P")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    for source, reason in (
        (small, "800×800"),
        (gif, "GIF"),
        (broken, "cannot be read"),
        (tmp_path / "missing.png", "cannot be read"),
    ):
        extension, warning = inspect_artwork(source, "kabar-pagi")
        assert extension == ".png" and warning and reason in warning and "kabar-pagi" in warning
        image = opened(prepare_artwork(source, "Kabar Pagi", "RKLU", "kabar-pagi").data)
        assert image.format == "PNG" and image.size == (1400, 1400)


def test_generated_artwork_is_the_same_every_time() -> None:
    first = generate_artwork("Mimbar Jumat", "Radio Kabar Luwu Utara 100 FM")
    generate_artwork.cache_clear()
    assert generate_artwork("Mimbar Jumat", "Radio Kabar Luwu Utara 100 FM") == first
    assert generate_artwork("Suara Petani", "Radio Kabar Luwu Utara 100 FM") != first


def test_a_programme_s_own_artwork_reaches_its_feed(
    station: Station, tones: dict[str, Path]
) -> None:
    image_file(station.home / "shows" / "mimbar.jpg", (3500, 3500), "JPEG")
    world = build_world(station, tones)
    with station.session() as session:
        from sqlalchemy import select

        from radiodesk.models import Show

        show = session.scalars(select(Show).where(Show.slug == "mimbar-jumat")).one()
        show.artwork = "mimbar.jpg"
        publish_episode(session, station.settings, world.draft, now=NOW)
    result = publish(station.settings, NOW)
    assert result.problems == ()
    root = etree.fromstring(
        (station.settings.public_dir / "mimbar-jumat" / "feed.xml").read_bytes()
    )
    url = root.find(f"channel/{{{ITUNES}}}image").get("href")
    assert url.endswith(".jpg")
    image = Image.open(station.settings.public_dir / "mimbar-jumat" / url.rsplit("/", 1)[1])
    assert image.size == (3000, 3000)


def test_a_right_to_left_station_name_is_shaped_and_keeps_its_place_in_the_artwork() -> None:
    """The station's line reads name, then frequency, left to right (the page's language),
    with an Arabic name shaped as one word, not reordered after its own frequency."""
    from PIL import ImageDraw, features

    from radiodesk.publish.artwork import GENERATED_SIDE, _font, station_line

    assert features.check("raqm"), "Pillow without libraqm cannot shape Arabic"
    name, frequency = "راديو", "100\u00a0FM"
    image = opened(generate_artwork("Kabar", station_line(name, frequency)))
    side = GENERATED_SIDE
    band_top = side - side // 5
    band = image.crop((0, band_top, side, side))
    # The name drawn alone where the line starts: the leftmost part of the line must be it.
    font = _font(side // 22)
    alone = Image.new("RGB", band.size, band.getpixel((0, 0)))
    ImageDraw.Draw(alone).text((side // 10, side // 30), name, font=font, fill=(255, 255, 255))
    width = int(ImageDraw.Draw(alone).textlength(name, font=font))
    box = (side // 10, 0, side // 10 + width, band.size[1])
    assert band.crop(box).tobytes() == alone.crop(box).tobytes()
