"""Embeds the letter's fonts from a subset made once per process instead of once per letter.

fpdf2 subsets and recompiles every TrueType font at each `output()`, about a third of a letter's time.
A letter only ever uses the glyphs of a fixed alphabet (Persian and Latin letters, the three scripts'
digits, punctuation), so the subset of that alphabet, with every contextual form HarfBuzz may pick,
is built on first use and embedded as it is; only the small per-document maps (codes to glyphs,
codes to text for copy-paste, widths) are written per letter. A letter holding a glyph outside the
alphabet (a rare character in a name) is embedded by fpdf2's own subsetting, so nothing is ever lost.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from io import BytesIO
from typing import NamedTuple

from fontTools import subset as ftsubset
from fontTools import ttLib
from fpdf.fonts import TTFFont
from fpdf.output import CIDSystemInfo, OutputProducer, PDFFont, _build_cmap_blocks, _tt_font_widths
from fpdf.syntax import Name, PDFArray, PDFContentStream

# Basic Latin; the Persian letters with the Arabic ones Persian text carries, short vowels, tatweel and
# both Eastern digit sets with their separators; Arabic punctuation, guillemets, joiners and marks, dashes
# and quotes, the rial sign.
ALPHABET = frozenset(
    [
        *range(0x20, 0x7F),
        0xA0,
        0xAB,
        0xBB,
        0xD7,
        0x60C,
        0x61B,
        0x61F,
        *range(0x621, 0x63B),
        *range(0x640, 0x656),
        *range(0x660, 0x66E),
        0x670,
        0x67E,
        0x686,
        0x698,
        0x6A9,
        0x6AF,
        0x6C0,
        0x6CC,
        *range(0x6F0, 0x6FA),
        *range(0x200C, 0x2010),
        *range(0x2010, 0x2027),
        0x2030,
        0x2039,
        0x203A,
        0xFDFC,
    ]
)
# What fpdf2 drops from an embedded font too: layout and colour tables a PDF viewer never reads.
_DROPPED_TABLES = (
    "FFTM",
    "GDEF",
    "GPOS",
    "GSUB",
    "MATH",
    "hdmx",
    "meta",
    "sbix",
    "CBDT",
    "CBLC",
    "EBDT",
    "EBLC",
    "EBSC",
    "SVG ",
    "CPAL",
    "COLR",
)


class _Embedded(NamedTuple):
    """A font file ready for FontFile2 (already deflated) and the glyph ids its glyphs have in it."""

    deflated: bytes
    length: int
    glyph_ids: dict[str, int]


@lru_cache(maxsize=4)
def _alphabet_font(path: str) -> _Embedded:
    """The alphabet and every glyph its layout features reach (contextual forms, ligatures, marks)."""
    font = ttLib.TTFont(path, recalcTimestamp=False)
    reach = ftsubset.Options(notdef_outline=True, recommended_glyphs=True)  # the features HarfBuzz applies by default
    closure = ftsubset.Subsetter(reach)
    closure.populate(unicodes=ALPHABET & set(font.getBestCmap()))
    closure.subset(font)
    names = font.getGlyphOrder()
    embed = ftsubset.Options(notdef_outline=True, recommended_glyphs=True, glyph_names=True)
    embed.drop_tables += list(_DROPPED_TABLES)
    pruned = ftsubset.Subsetter(embed)
    pruned.populate(glyphs=names)
    pruned.subset(font)
    out = BytesIO()
    font.save(out)
    data = out.getvalue()
    return _Embedded(zlib.compress(data), len(data), {name: font.getGlyphID(name) for name in font.getGlyphOrder()})


class _FontFile(PDFContentStream):
    """FontFile2 whose deflated bytes are shared by every letter of the process."""

    def __init__(self, embedded: _Embedded) -> None:
        super().__init__(contents=embedded.deflated, compress=False)
        self.filter = Name("FlateDecode")
        self.length1 = embedded.length


def _to_unicode(font: TTFFont) -> PDFContentStream:
    """Lets readers copy and search the text: each code back to the characters of its glyph."""
    entries = []
    for glyph, code in font.subset.items():
        if glyph is None or not isinstance(glyph.unicode, tuple) or not glyph.unicode:
            continue
        chars = "".join(
            f"{char:04X}" if char <= 0xFFFF else chr(char).encode("utf-16-be").hex().upper() for char in glyph.unicode
        )
        entries.append(f"<{code:04X}> <{chars}>\n")
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
        "<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{_build_cmap_blocks(entries, 'bfchar')}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    )
    return PDFContentStream(cmap.encode("latin-1"))


def _cid_to_gid(font: TTFFont, glyph_ids: dict[str, int]) -> PDFContentStream:
    table = bytearray(2 * 256 * 256)
    for glyph, code in font.subset.items():
        if glyph is not None:
            gid = glyph_ids[glyph.glyph_name]
            table[2 * code], table[2 * code + 1] = gid >> 8, gid & 0xFF
    return PDFContentStream(contents=bytes(table), compress=True)


class LetterOutput(OutputProducer):
    """fpdf2's output, with the letter's fonts embedded from the per-process alphabet subset."""

    def _add_fonts(self, *resources):
        fonts = self.fpdf.fonts
        ours = {}
        for key, font in fonts.items():
            if isinstance(font, TTFFont) and not font.is_cff and font.color_font is None:
                embedded = _alphabet_font(str(font.ttffile))
                if all(g is None or g.glyph_name in embedded.glyph_ids for g, _ in font.subset.items()):
                    ours[key] = embedded
        if len(ours) != len(fonts):
            return super()._add_fonts(*resources)
        objects = {}
        for font in sorted(fonts.values(), key=lambda f: f.i):
            objects[font.i] = self._embed(font, ours[font.fontkey])
        return objects

    def _embed(self, font: TTFFont, embedded: _Embedded) -> PDFFont:
        name = f"MPDFAA+{font.name}"
        composite = PDFFont(subtype="Type0", base_font=name, encoding="Identity-H")
        self._add_pdf_obj(composite, "fonts")
        cid_font = PDFFont(subtype="CIDFontType2", base_font=name, d_w=font.desc.missing_width, w=_tt_font_widths(font))
        self._add_pdf_obj(cid_font, "fonts")
        composite.descendant_fonts = PDFArray([cid_font])
        to_unicode = _to_unicode(font)
        self._add_pdf_obj(to_unicode, "fonts")
        composite.to_unicode = to_unicode
        system_info = CIDSystemInfo()
        self._add_pdf_obj(system_info, "fonts")
        cid_font.c_i_d_system_info = system_info
        descriptor = font.desc
        descriptor.font_name = Name(name)
        self._add_pdf_obj(descriptor, "fonts")
        cid_font.font_descriptor = descriptor
        cid_to_gid = _cid_to_gid(font, embedded.glyph_ids)
        self._add_pdf_obj(cid_to_gid, "fonts")
        cid_font.c_i_d_to_g_i_d_map = cid_to_gid
        font_file = _FontFile(embedded)
        self._add_pdf_obj(font_file, "fonts")
        descriptor.font_file2 = font_file
        font.subset.pick.cache_clear()
        font.subset.get_glyph.cache_clear()
        font.close()
        return composite
