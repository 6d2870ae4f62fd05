"""The level badges read as progress: darker as the level rises, never red, legible."""

import colorsys
import re

from django.conf import settings

CSS = settings.BASE_DIR / "static" / "css" / "portal.css"
RULE = re.compile(
    r"\.badge-level-(\d) \{ background-color: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}"
)


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_level_badges_darken_with_the_level_and_keep_contrast():
    badges = sorted(RULE.findall(CSS.read_text()))
    assert [int(level) for level, _bg, _fg in badges] == [0, 1, 2, 3, 4]
    darkness = [_luminance(bg) for _level, bg, _fg in badges]
    assert darkness == sorted(darkness, reverse=True)
    for _level, bg, fg in badges:
        light, dark = sorted([_luminance(bg), _luminance(fg)])
        assert (dark + 0.05) / (light + 0.05) >= 4.5  # WCAG AA
        red, green, blue = (int(bg[i : i + 2], 16) / 255 for i in (1, 3, 5))
        hue = colorsys.rgb_to_hsv(red, green, blue)[0] * 360
        assert not (hue < 30 or hue > 330) or bg == "#e9ecef"  # no red
