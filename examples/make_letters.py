"""Generate sample Indonesian official letters (naskah dinas) for esign's examples and tests.

Usage::

    python examples/make_letters.py [--out-dir DIR]

Writes two PDFs (default: next to this script):

* ``surat-undangan.pdf``   one-page invitation letter (Surat Undangan)
* ``surat-edaran-3hal.pdf`` three-page circular (Surat Edaran)

Both carry a kop surat (letterhead) and a signature block whose empty space holds the
placeholder ``${ttd_pengirim}`` drawn in white: invisible when printed, but present in the
page text so that a signing tool can find where the visible signature goes. The circular
also has the paraf (reviewer initial) placeholders ``${paraf1}`` and ``${paraf2}``.
Placeholders use the standard Helvetica font (WinAnsi encoding) so that every text
extractor reads them back exactly.

The output is deterministic: ReportLab's invariant mode fixes the dates and document ID,
so re-running the script with the same ReportLab version and fonts gives identical bytes.
The bottom 25 mm of every page is left empty for the e-signature footer that esign adds.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

PAGE_W, PAGE_H = A4
LEFT = 25 * mm
RIGHT = 20 * mm
TEXT_W = PAGE_W - LEFT - RIGHT
TOP_FIRST = 12 * mm  # the kop surat starts here on page 1
TOP_LATER = 20 * mm  # body starts here on later pages (below the page number)
BOTTOM = 25 * mm  # kept empty: esign puts its e-signature footer here
SIGNATURE_GAP = 35 * mm  # empty space between position and name (the stamp goes here)
LEADING = 14  # body text: 11 pt on 14 pt

AUTHOR = "Dinas Kominfo Kabupaten Jember"
PLACEHOLDER_FONT = "Helvetica"
PLACEHOLDER_SIZE = 10

# --- Letter data ------------------------------------------------------------------------

INSTITUTION = "PEMERINTAH KABUPATEN JEMBER"
OFFICE = "DINAS KOMUNIKASI DAN INFORMATIKA"
KOP_LINES = (
    "Jl. Kartini No. 2, Kepatihan, Kaliwates, Jember, Jawa Timur 68137",
    "Telepon (0331) 487000, Faksimile (0331) 487001",
    "Laman: diskominfo.jemberkab.go.id, Pos-el: diskominfo@jemberkab.go.id",
)
PLACE_DATE = "Jember, 12 Maret 2026"


@dataclass(frozen=True)
class Signer:
    position: str
    name: str
    rank: str
    nip: str


HEAD = Signer(
    position="Kepala Dinas Komunikasi dan Informatika,",
    name="Budi Santoso, S.Kom., M.T.",
    rank="Pembina (IV/a)",
    nip="NIP 19870101 201001 1 001",
)


# --- Fonts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    description: str


_TTF_CANDIDATES: tuple[tuple[str, Path, tuple[str, str, str, str]], ...] = (
    (
        "DejaVu Serif (embedded)",
        Path("/usr/share/fonts/truetype/dejavu"),
        (
            "DejaVuSerif.ttf",
            "DejaVuSerif-Bold.ttf",
            "DejaVuSerif-Italic.ttf",
            "DejaVuSerif-BoldItalic.ttf",
        ),
    ),
    (
        "Bitstream Vera Sans (embedded, from ReportLab)",
        Path(reportlab.__file__).parent / "fonts",
        ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf"),
    ),
)


def load_fonts() -> Fonts:
    """Register an embeddable TTF family (Indonesian names may carry diacritics).

    Prefers DejaVu Serif, then ReportLab's bundled Vera, then the standard Times family.
    """
    for description, folder, files in _TTF_CANDIDATES:
        paths = [folder / name for name in files]
        if not all(p.is_file() for p in paths):
            continue
        names = ("Letter", "Letter-Bold", "Letter-Italic", "Letter-BoldItalic")
        try:
            for name, path in zip(names, paths, strict=True):
                pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as exc:  # a broken font file: try the next family
            print(f"warning: cannot use {description}: {exc}", file=sys.stderr)
            continue
        pdfmetrics.registerFontFamily(
            "Letter", normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
        )
        return Fonts(*names, description=description)
    return Fonts(
        "Times-Roman",
        "Times-Bold",
        "Times-Italic",
        "Times-BoldItalic",
        description="Times (standard 14, not embedded)",
    )


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_indent: ParagraphStyle
    plain: ParagraphStyle
    center_bold: ParagraphStyle
    small: ParagraphStyle


def make_styles(fonts: Fonts) -> Styles:
    body = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=11,
        leading=LEADING,
        alignment=TA_JUSTIFY,
        bulletFontName=fonts.regular,
        bulletFontSize=11,
    )
    return Styles(
        body=body,
        body_indent=ParagraphStyle("body_indent", parent=body, firstLineIndent=12.5 * mm),
        plain=ParagraphStyle("plain", parent=body, alignment=TA_LEFT),
        center_bold=ParagraphStyle(
            "center_bold", parent=body, fontName=fonts.bold, alignment=TA_CENTER
        ),
        small=ParagraphStyle(
            "small", parent=body, fontSize=10, leading=13, bulletFontSize=10, alignment=TA_LEFT
        ),
    )


# --- Layout -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Placeholder:
    text: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def describe(self) -> str:
        return (
            f"{self.text:<16} page {self.page}  "
            f"x0={self.x0:.1f} y0={self.y0:.1f} x1={self.x1:.1f} y1={self.y1:.1f} pt"
        )


@dataclass
class Letter:
    """A canvas with a text cursor that flows paragraphs down the page and onto new pages."""

    path: Path
    title: str
    subject: str
    keywords: str
    fonts: Fonts
    canvas: Canvas = field(init=False)
    page: int = field(init=False, default=1)
    y: float = field(init=False, default=PAGE_H - TOP_FIRST)
    placeholders: list[Placeholder] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        c = Canvas(str(self.path), pagesize=A4, invariant=1, pageCompression=1, lang="id-ID")
        c.setTitle(self.title)
        c.setAuthor(AUTHOR)
        c.setSubject(self.subject)
        c.setKeywords(self.keywords)
        c.setCreator("esign examples/make_letters.py")
        self.canvas = c

    # cursor ---------------------------------------------------------------------------

    def available(self) -> float:
        return float(self.y - BOTTOM)

    def skip(self, height: float) -> None:
        self.y -= height

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` fits on the current one."""
        if height > self.available():
            self.new_page()

    def new_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        label = f"- {self.page} -"
        self.canvas.setFont(self.fonts.regular, 11)
        self.canvas.setFillColorRGB(0, 0, 0)
        self.canvas.drawCentredString(PAGE_W / 2, PAGE_H - 12 * mm, label)
        self.y = PAGE_H - TOP_LATER

    def flow(self, para: Paragraph, x: float = LEFT, width: float = TEXT_W) -> None:
        """Draw a paragraph at the cursor, splitting it across pages when needed."""
        while True:
            _, height = para.wrap(width, self.available())
            if height <= self.available():
                para.drawOn(self.canvas, x, self.y - height)
                self.y -= height
                return
            parts = para.split(width, self.available())
            if len(parts) < 2:
                self.new_page()
                continue
            first, rest = parts[0], parts[1]
            _, h_first = first.wrap(width, self.available())
            first.drawOn(self.canvas, x, self.y - h_first)
            self.new_page()
            para = rest

    def text(
        self, markup: str, style: ParagraphStyle, x: float = LEFT, width: float | None = None
    ) -> None:
        """Flow ReportLab paragraph markup from ``x`` to the right margin (or ``width``)."""
        self.flow(Paragraph(markup, style), x=x, width=width or PAGE_W - RIGHT - x)

    def placeholder(self, text: str, x: float, baseline: float) -> Placeholder:
        """Draw ``text`` in white (invisible on paper, extractable as page text)."""
        c = self.canvas
        c.saveState()
        c.setFillColorRGB(1, 1, 1)
        c.setFont(PLACEHOLDER_FONT, PLACEHOLDER_SIZE)
        c.drawString(x, baseline, text)
        c.restoreState()
        width = pdfmetrics.stringWidth(text, PLACEHOLDER_FONT, PLACEHOLDER_SIZE)
        face = pdfmetrics.getFont(PLACEHOLDER_FONT).face
        ascent = face.ascent * PLACEHOLDER_SIZE / 1000
        descent = face.descent * PLACEHOLDER_SIZE / 1000
        ph = Placeholder(text, self.page, x, baseline + descent, x + width, baseline + ascent)
        self.placeholders.append(ph)
        return ph

    def save(self) -> None:
        self.canvas.save()


# --- Letter parts -----------------------------------------------------------------------


def draw_logo(c: Canvas, x: float, top: float, w: float, h: float) -> None:
    """A generic vector emblem (shield, star, tobacco leaf); not an official coat of arms."""
    c.saveState()
    p = c.beginPath()
    p.moveTo(x, top)
    p.lineTo(x + w, top)
    p.lineTo(x + w, top - 0.55 * h)
    p.curveTo(x + w, top - 0.8 * h, x + 0.65 * w, top - 0.92 * h, x + 0.5 * w, top - h)
    p.curveTo(x + 0.35 * w, top - 0.92 * h, x, top - 0.8 * h, x, top - 0.55 * h)
    p.close()
    c.setFillColorRGB(0.05, 0.42, 0.22)
    c.setStrokeColorRGB(0.85, 0.68, 0.1)
    c.setLineWidth(1.6)
    c.drawPath(p, fill=1, stroke=1)

    # five-pointed star
    cx, cy, r_out, r_in = x + 0.5 * w, top - 0.25 * h, 0.17 * w, 0.07 * w
    star = c.beginPath()
    for i in range(10):
        radius = r_out if i % 2 == 0 else r_in
        angle = 90 + 36 * i
        px, py = _polar(cx, cy, radius, angle)
        if i == 0:
            star.moveTo(px, py)
        else:
            star.lineTo(px, py)
    star.close()
    c.setFillColorRGB(0.98, 0.82, 0.15)
    c.drawPath(star, fill=1, stroke=0)

    # tobacco leaf with a midrib
    lx, ly_bottom, ly_top = x + 0.5 * w, top - 0.85 * h, top - 0.42 * h
    leaf = c.beginPath()
    leaf.moveTo(lx, ly_bottom)
    leaf.curveTo(lx + 0.32 * w, ly_bottom + 0.1 * h, lx + 0.2 * w, ly_top - 0.05 * h, lx, ly_top)
    leaf.curveTo(lx - 0.2 * w, ly_top - 0.05 * h, lx - 0.32 * w, ly_bottom + 0.1 * h, lx, ly_bottom)
    leaf.close()
    c.setFillColorRGB(0.55, 0.75, 0.25)
    c.drawPath(leaf, fill=1, stroke=0)
    c.setStrokeColorRGB(0.05, 0.3, 0.15)
    c.setLineWidth(0.8)
    c.line(lx, ly_bottom, lx, ly_top - 0.02 * h)
    c.restoreState()


def _polar(cx: float, cy: float, radius: float, degrees: float) -> tuple[float, float]:
    rad = math.radians(degrees)
    return cx + radius * math.cos(rad), cy + radius * math.sin(rad)


def draw_kop(letter: Letter) -> None:
    """Kop surat: emblem, institution, office, address lines and a double rule."""
    c, f = letter.canvas, letter.fonts
    top = PAGE_H - TOP_FIRST
    logo_w, logo_h = 21 * mm, 25 * mm
    draw_logo(c, LEFT, top, logo_w, logo_h)

    cx = (LEFT + logo_w + PAGE_W - RIGHT) / 2
    c.setFillColorRGB(0, 0, 0)
    y = top - 5 * mm
    c.setFont(f.bold, 14)
    c.drawCentredString(cx, y, INSTITUTION)
    y -= 6.8 * mm
    c.setFont(f.bold, 15)
    c.drawCentredString(cx, y, OFFICE)
    c.setFont(f.regular, 9)
    for line in KOP_LINES:
        y -= 4.6 * mm
        c.drawCentredString(cx, y, line)

    rule_y = min(y, top - logo_h) - 3 * mm
    c.setLineWidth(2.2)
    c.line(LEFT, rule_y, PAGE_W - RIGHT, rule_y)
    c.setLineWidth(0.6)
    c.line(LEFT, rule_y - 2.4, PAGE_W - RIGHT, rule_y - 2.4)
    letter.y = rule_y - 8 * mm


def signature_x(fonts: Fonts, signer: Signer, size: float = 11) -> float:
    """Left edge of the signature column: wide enough for its longest line, right-aligned."""
    widest = max(
        pdfmetrics.stringWidth(signer.position, fonts.regular, size),
        pdfmetrics.stringWidth(signer.name, fonts.bold, size),
        pdfmetrics.stringWidth(PLACE_DATE, fonts.regular, size),
        80 * mm,
    )
    return float(PAGE_W - RIGHT - widest)


def draw_signature_block(
    letter: Letter, signer: Signer, lead_lines: Sequence[str] = ()
) -> Placeholder:
    """Position line(s), a blank space holding ``${ttd_pengirim}``, name, rank and NIP."""
    f, c = letter.fonts, letter.canvas
    size, leading = 11, LEADING
    x = signature_x(f, signer, size)
    lines_before = [*lead_lines, signer.position]
    height = leading * (len(lines_before) + 3) + SIGNATURE_GAP
    letter.keep(height)

    c.setFillColorRGB(0, 0, 0)
    c.setFont(f.regular, size)
    for line in lines_before:
        c.drawString(x, letter.y - size, line)
        letter.skip(leading)

    gap_top = letter.y
    gap_bottom = gap_top - SIGNATURE_GAP
    baseline = (gap_top + gap_bottom) / 2 - PLACEHOLDER_SIZE * 0.35
    ph = letter.placeholder("${ttd_pengirim}", x, baseline)
    letter.y = gap_bottom

    c.setFont(f.bold, size)
    name_baseline = letter.y - size
    c.drawString(x, name_baseline, signer.name)
    name_w = pdfmetrics.stringWidth(signer.name, f.bold, size)
    c.setLineWidth(0.8)
    c.line(x, name_baseline - 1.8, x + name_w, name_baseline - 1.8)
    letter.skip(leading)
    c.setFont(f.regular, size)
    for line in (signer.rank, signer.nip):
        c.drawString(x, letter.y - size, line)
        letter.skip(leading)
    return ph


def draw_field_rows(
    letter: Letter,
    rows: Sequence[tuple[str, str]],
    style: ParagraphStyle,
    x: float = LEFT,
    label_w: float = 24 * mm,
    value_w: float | None = None,
    sep: str = ":",
) -> None:
    """``Label : value`` rows with the values wrapped in their own column."""
    c = letter.canvas
    value_x = x + label_w + (4 * mm if sep else 0)
    width = value_w if value_w is not None else PAGE_W - RIGHT - value_x
    for label, value in rows:
        para = Paragraph(value, style)
        _, height = para.wrap(width, letter.available())
        letter.keep(height)
        first_baseline = letter.y - style.fontSize
        c.setFont(style.fontName, style.fontSize)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(x, first_baseline, label)
        c.drawString(x + label_w, first_baseline, sep)
        para.drawOn(c, value_x, letter.y - height)
        letter.skip(height)


def draw_numbered(
    letter: Letter,
    items: Sequence[str],
    style: ParagraphStyle,
    x: float,
    labels: Sequence[str] | None = None,
    space_after: float = 1.5 * mm,
) -> None:
    """A list with hanging indent: ``1. text`` / ``a. text``."""
    hang = 7 * mm
    item_style = ParagraphStyle(
        f"{style.name}-item", parent=style, leftIndent=hang, bulletIndent=0, firstLineIndent=0
    )
    for i, item in enumerate(items):
        label = labels[i] if labels is not None else f"{i + 1}."
        letter.flow(Paragraph(item, item_style, bulletText=label), x=x, width=PAGE_W - RIGHT - x)
        letter.skip(space_after)


def draw_tembusan(letter: Letter, items: Sequence[str], styles: Styles) -> None:
    letter.keep(13 * (len(items) + 1) + 4 * mm)
    letter.text("Tembusan:", styles.small)
    draw_numbered(letter, items, styles.small, x=LEFT, space_after=0)


def draw_paraf_box(letter: Letter, rows: Sequence[tuple[str, str]]) -> None:
    """Small "paraf koordinasi" table at the bottom left, with white placeholders."""
    c, f = letter.canvas, letter.fonts
    col1, col2, row_h, head_h = 50 * mm, 25 * mm, 11 * mm, 5 * mm
    x, bottom = LEFT, BOTTOM + 1 * mm
    total_h = head_h + row_h * len(rows)
    top = bottom + total_h
    if letter.y < top + 4 * mm:
        raise RuntimeError("content runs into the paraf box; shorten the text")
    c.saveState()
    c.setStrokeColorRGB(0.45, 0.45, 0.45)
    c.setLineWidth(0.5)
    c.rect(x, bottom, col1 + col2, total_h)
    c.line(x + col1, bottom, x + col1, top)
    c.line(x, top - head_h, x + col1 + col2, top - head_h)
    for i in range(1, len(rows)):
        y = top - head_h - i * row_h
        c.line(x, y, x + col1 + col2, y)
    c.setFillColorRGB(0.25, 0.25, 0.25)
    c.setFont(f.bold, 7.5)
    c.drawCentredString(x + col1 / 2, top - head_h + 1.5 * mm, "Jabatan")
    c.drawCentredString(x + col1 + col2 / 2, top - head_h + 1.5 * mm, "Paraf")
    c.setFont(f.regular, 7.5)
    for i, (role, _) in enumerate(rows):
        row_top = top - head_h - i * row_h
        c.drawString(x + 1.5 * mm, row_top - row_h / 2 - 2.5, role)
    c.restoreState()
    for i, (_, tag) in enumerate(rows):
        row_top = top - head_h - i * row_h
        letter.placeholder(tag, x + col1 + 1.5 * mm, row_top - row_h / 2 - 3)


# --- The two letters --------------------------------------------------------------------


def make_undangan(path: Path, fonts: Fonts) -> Letter:
    st = make_styles(fonts)
    letter = Letter(
        path=path,
        title="Undangan Rapat Koordinasi Penerapan Tanda Tangan Elektronik",
        subject="Surat Undangan Nomor 005/127/35.09.325/2026",
        keywords="naskah dinas, surat undangan, tanda tangan elektronik, contoh",
        fonts=fonts,
    )
    draw_kop(letter)
    c = letter.canvas
    c.setFont(fonts.regular, 11)
    c.drawString(signature_x(fonts, HEAD), letter.y - 11, PLACE_DATE)
    letter.skip(LEADING + 3 * mm)

    draw_field_rows(
        letter,
        [
            ("Nomor", "005/127/35.09.325/2026"),
            ("Sifat", "Penting"),
            ("Lampiran", "-"),
            ("Hal", "Undangan Rapat Koordinasi"),
        ],
        st.plain,
        label_w=21 * mm,
        value_w=95 * mm,
    )
    letter.skip(5 * mm)
    draw_field_rows(
        letter,
        [("Yth.", "Kepala Perangkat Daerah se-Kabupaten Jember")],
        st.plain,
        label_w=10 * mm,
        sep="",
    )
    letter.text("di", st.plain)
    letter.text("Jember", st.plain, x=LEFT + 10 * mm)
    letter.skip(5 * mm)

    letter.text(
        "Dalam rangka percepatan penerapan Tanda Tangan Elektronik (TTE) pada naskah dinas "
        "sebagai bagian dari Sistem Pemerintahan Berbasis Elektronik (SPBE) di lingkungan "
        "Pemerintah Kabupaten Jember, bersama ini kami mengundang Saudara untuk hadir pada "
        "rapat koordinasi yang akan dilaksanakan pada:",
        st.body_indent,
    )
    letter.skip(2 * mm)
    draw_field_rows(
        letter,
        [
            ("hari, tanggal", "Selasa, 17 Maret 2026"),
            ("waktu", "pukul 09.00 WIB s.d. selesai"),
            (
                "tempat",
                "Ruang Rapat Command Center, Dinas Komunikasi dan Informatika "
                "Kabupaten Jember, Jl. Kartini No. 2, Jember",
            ),
            ("acara", "Rapat Koordinasi Penerapan TTE pada Naskah Dinas"),
        ],
        st.plain,
        x=LEFT + 12.5 * mm,
        label_w=27 * mm,
    )
    letter.skip(2 * mm)
    letter.text(
        "Setiap Perangkat Daerah dimohon menugaskan 2 (dua) orang pejabat atau pegawai yang "
        "menangani tata naskah dinas dan pengelolaan teknologi informasi, dengan membawa "
        "laptop serta daftar pejabat penandatangan (nama, NIP, pangkat/golongan, dan "
        "jabatan) di unit kerja masing-masing. Konfirmasi kehadiran disampaikan paling "
        "lambat hari Senin, 16 Maret 2026 kepada Bidang Aplikasi Informatika melalui "
        "telepon (0331) 487000 pesawat 214.",
        st.body_indent,
    )
    letter.skip(2 * mm)
    letter.text(
        "Atas perhatian dan kehadiran Saudara, kami ucapkan terima kasih.",
        st.body_indent,
    )
    letter.skip(6 * mm)
    draw_signature_block(letter, HEAD)
    letter.skip(4 * mm)
    draw_tembusan(
        letter,
        ["Bupati Jember (sebagai laporan);", "Sekretaris Daerah Kabupaten Jember."],
        st,
    )
    letter.save()
    return letter


EDARAN_NUMBER = "555/052/35.09.325/2026"
EDARAN_TITLE = (
    "PENERAPAN TANDA TANGAN ELEKTRONIK PADA NASKAH DINAS DI LINGKUNGAN "
    "DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN JEMBER"
)

EDARAN_ISI = (
    "Seluruh naskah dinas keluar yang diterbitkan Dinas Komunikasi dan Informatika "
    "ditandatangani secara elektronik menggunakan sertifikat elektronik yang masih berlaku, "
    "kecuali naskah yang menurut ketentuan peraturan perundang-undangan wajib "
    "ditandatangani secara manual.",
    "Setiap pejabat penandatangan wajib memiliki sertifikat elektronik atas nama sendiri. "
    "Kata sandi (<i>passphrase</i>) dan perangkat penyimpan kunci privat berada dalam "
    "penguasaan penuh pemiliknya dan tidak boleh diserahkan atau dikuasakan kepada orang "
    "lain, termasuk kepada staf, operator, maupun ajudan.",
    "Penandatanganan atas nama (a.n.), untuk beliau (u.b.), oleh Pelaksana Tugas (Plt.), "
    "dan oleh Pelaksana Harian (Plh.) dilakukan dengan sertifikat elektronik milik pejabat "
    "yang menandatangani. Kedudukan penandatangan dicantumkan pada blok tanda tangan dan "
    "pada keterangan tanda tangan elektronik.",
    "Paraf koordinasi dibubuhkan secara elektronik dan berurutan sesuai jenjang jabatan, "
    "yaitu Kepala Bidang yang membidangi, kemudian Sekretaris, sebelum naskah "
    "ditandatangani oleh Kepala Dinas. Segel elektronik instansi dibubuhkan setelah "
    "seluruh tanda tangan, dan meterai elektronik, apabila diperlukan, dibubuhkan paling "
    "akhir.",
    "Naskah dinas yang telah ditandatangani secara elektronik tidak boleh diubah dalam "
    "bentuk apa pun. Perbaikan isi, nomor, tanggal, maupun lampiran dilakukan dengan "
    "menerbitkan naskah dinas baru yang ditandatangani ulang.",
    "Setiap halaman naskah dinas elektronik memuat keterangan bahwa dokumen telah "
    "ditandatangani secara elektronik, nama penerbit sertifikat elektronik, serta kode QR "
    "dan kode verifikasi singkat untuk memeriksa keaslian dokumen. Kode QR dicetak dengan "
    "ukuran paling kecil 2 (dua) sentimeter agar tetap dapat dipindai dari salinan "
    "fotokopi.",
    "Informasi elektronik, dokumen elektronik, dan hasil cetaknya merupakan alat bukti "
    "hukum yang sah sebagaimana dimaksud dalam Pasal 5 ayat (1) Undang-Undang tentang "
    "Informasi dan Transaksi Elektronik. Hasil cetak naskah dinas elektronik tidak perlu "
    "dibubuhi tanda tangan basah maupun cap dinas.",
    "Sekretariat mencatat setiap naskah dinas keluar yang telah ditandatangani secara "
    "elektronik dalam agenda surat keluar dan menyimpan berkas aslinya dalam format PDF "
    "sesuai ketentuan pengelolaan arsip dinamis.",
    "Kehilangan perangkat, dugaan kebocoran kata sandi, mutasi, atau perubahan jabatan "
    "pemilik sertifikat elektronik wajib dilaporkan paling lambat 1 x 24 jam kepada Bidang "
    "Persandian dan Statistik untuk dilakukan pencabutan dan penerbitan ulang sertifikat "
    "elektronik.",
    "Dalam hal layanan penandatanganan elektronik tidak dapat diakses, penandatanganan "
    "ditunda sampai layanan pulih. Naskah dinas yang bersifat segera dapat ditandatangani "
    "secara manual setelah mendapat persetujuan Kepala Dinas, dan hal tersebut dicatat "
    "dalam agenda surat keluar.",
    "Pemeriksaan keabsahan naskah dinas elektronik yang diterima dilakukan paling sedikit "
    "terhadap 4 (empat) hal, yaitu kesesuaian nama penandatangan, keutuhan dokumen sejak "
    "ditandatangani, keberadaan penanda waktu (<i>timestamp</i>), dan dukungan validasi "
    "jangka panjang (<i>long-term validation</i>).",
)

EDARAN_DASAR = (
    "Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik "
    "sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 1 Tahun "
    "2024 tentang Perubahan Kedua atas Undang-Undang Nomor 11 Tahun 2008 tentang "
    "Informasi dan Transaksi Elektronik;",
    "Peraturan Pemerintah Nomor 71 Tahun 2019 tentang Penyelenggaraan Sistem dan "
    "Transaksi Elektronik;",
    "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik;",
    "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas di "
    "Lingkungan Pemerintah Daerah.",
)


def make_edaran(path: Path, fonts: Fonts) -> Letter:
    st = make_styles(fonts)
    letter = Letter(
        path=path,
        title="Surat Edaran tentang Penerapan Tanda Tangan Elektronik pada Naskah Dinas",
        subject=f"Surat Edaran Nomor {EDARAN_NUMBER}",
        keywords="naskah dinas, surat edaran, tanda tangan elektronik, paraf, contoh",
        fonts=fonts,
    )
    draw_kop(letter)
    draw_field_rows(
        letter,
        [
            (
                "Yth.",
                "1. Sekretaris;<br/>2. Para Kepala Bidang;<br/>"
                "3. Seluruh Pegawai Diskominfo Kabupaten Jember",
            )
        ],
        st.plain,
        label_w=10 * mm,
        value_w=100 * mm,
        sep="",
    )
    letter.text("di", st.plain)
    letter.text("Jember", st.plain, x=LEFT + 10 * mm)
    letter.skip(7 * mm)

    for line in ("SURAT EDARAN", f"NOMOR {EDARAN_NUMBER}", "TENTANG"):
        letter.text(line, st.center_bold)
    letter.text(EDARAN_TITLE, st.center_bold, x=LEFT + 15 * mm, width=TEXT_W - 30 * mm)
    letter.skip(7 * mm)

    heading_x, content_x = LEFT, LEFT + 7 * mm

    heading_style = ParagraphStyle("heading", parent=st.plain, leftIndent=7 * mm, bulletIndent=0)

    def heading(label: str, text: str) -> None:
        letter.keep(4 * LEADING)  # no heading alone at the bottom of a page
        letter.flow(Paragraph(f"<b>{text}</b>", heading_style, bulletText=label), x=heading_x)
        letter.skip(1 * mm)

    heading("1.", "Latar Belakang")
    letter.text(
        "Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik menuntut naskah dinas "
        "yang dapat dibuat, ditandatangani, dikirim, dan diperiksa keasliannya secara "
        "elektronik. Penggunaan tanda tangan elektronik mempercepat layanan, mengurangi "
        "penggunaan kertas, dan memudahkan penerima naskah, termasuk masyarakat, untuk "
        "memastikan bahwa naskah yang diterimanya asli dan tidak diubah sejak "
        "ditandatangani.",
        st.body_indent,
        x=content_x,
    )
    letter.skip(1.5 * mm)
    letter.text(
        "Agar penerapannya seragam, aman, dan sah secara hukum, perlu ditetapkan ketentuan "
        "mengenai tata cara penandatanganan, pembubuhan paraf, pengamanan sertifikat "
        "elektronik, serta pemeriksaan keabsahan naskah dinas elektronik di lingkungan "
        "Dinas Komunikasi dan Informatika Kabupaten Jember.",
        st.body_indent,
        x=content_x,
    )
    letter.skip(3 * mm)

    heading("2.", "Maksud dan Tujuan")
    letter.text(
        "Surat Edaran ini dimaksudkan sebagai pedoman bagi pejabat dan pegawai dalam "
        "menerapkan tanda tangan elektronik pada naskah dinas, dengan tujuan terwujudnya "
        "naskah dinas elektronik yang autentik, utuh, dapat diverifikasi, dan memiliki "
        "kekuatan hukum.",
        st.body_indent,
        x=content_x,
    )
    letter.skip(3 * mm)

    heading("3.", "Ruang Lingkup")
    letter.text(
        "Ruang lingkup Surat Edaran ini meliputi penandatanganan, pembubuhan paraf, segel "
        "elektronik, pengamanan sertifikat elektronik, pencatatan, dan pemeriksaan "
        "keabsahan naskah dinas elektronik.",
        st.body_indent,
        x=content_x,
    )
    letter.skip(3 * mm)

    heading("4.", "Dasar")
    draw_numbered(letter, EDARAN_DASAR, st.body, x=content_x, labels=[f"{ch}." for ch in "abcd"])
    letter.skip(1.5 * mm)

    heading("5.", "Isi Edaran")
    draw_numbered(
        letter, EDARAN_ISI, st.body, x=content_x, labels=[f"{ch}." for ch in "abcdefghijk"]
    )
    letter.skip(1.5 * mm)

    heading("6.", "Penutup")
    letter.text(
        "Demikian Surat Edaran ini disampaikan untuk dilaksanakan dengan penuh tanggung "
        "jawab. Hal-hal yang memerlukan penjelasan lebih lanjut dapat dikonsultasikan "
        "kepada Bidang Aplikasi Informatika.",
        st.body_indent,
        x=content_x,
    )
    letter.skip(7 * mm)

    draw_signature_block(
        letter, HEAD, lead_lines=("Ditetapkan di Jember", "pada tanggal 12 Maret 2026")
    )
    letter.skip(4 * mm)
    draw_tembusan(
        letter,
        ["Bupati Jember (sebagai laporan);", "Sekretaris Daerah Kabupaten Jember."],
        st,
    )
    draw_paraf_box(
        letter,
        [("Kepala Bidang Aplikasi Informatika", "${paraf1}"), ("Sekretaris", "${paraf2}")],
    )
    letter.save()
    return letter


# --- CLI --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="folder for the PDFs (default: the examples/ folder)",
    )
    args = parser.parse_args(argv)
    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)

    fonts = load_fonts()
    print(f"font: {fonts.description}")
    expected_pages = {"surat-undangan.pdf": 1, "surat-edaran-3hal.pdf": 3}
    letters = [
        make_undangan(out_dir / "surat-undangan.pdf", fonts),
        make_edaran(out_dir / "surat-edaran-3hal.pdf", fonts),
    ]
    status = 0
    for letter in letters:
        want = expected_pages[letter.path.name]
        print(f"{letter.path}: {letter.page} page(s)")
        if letter.page != want:
            print(f"error: expected {want} page(s), got {letter.page}", file=sys.stderr)
            status = 1
        for ph in letter.placeholders:
            print(f"  {ph.describe()}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
