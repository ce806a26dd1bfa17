"""The gateway's v1 requests (multipart forms) read into esign's terms: the PDF part, the
signer's NIK and passphrase, and the visual fields (``tampilan``, ``image``, ``imageTTD``,
``linkQR``, ``page``/``halaman``, ``xAxis``/``yAxis``/``width``/``height``,
``tag_koordinat``, ``reason``, ``location``).

Pure functions over the body; the routes are in :mod:`esign.web.gateway`. Every refusal is
a :class:`~esign.web.gateway_shapes.ApiFailure` naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from python_multipart.multipart import MultipartParser, parse_options_header

from esign import i18n
from esign.app import gateway
from esign.keys import Secret
from esign.web import gateway_shapes as shapes

TEXT_LIMIT = 500
"""Longest text field (reason, location, linkQR, tag)."""

# --- the form -----------------------------------------------------------------------


@dataclass
class Form:
    """A multipart form held in memory: text fields and file parts."""

    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Field name -> (file name, content); the first part of each name."""


def parse_form(content_type: str, body: bytes) -> Form:
    """The form in ``body`` (BadForm-like ApiFailure 400 when it is not multipart)."""
    kind, options = parse_options_header(content_type)
    if kind == b"application/x-www-form-urlencoded":  # fields only: "no file" said next
        pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        return Form(fields={k: v.strip() for k, v in reversed(pairs)})
    if kind != b"multipart/form-data" or not options.get(b"boundary"):
        raise shapes.ours(400, "gateway.api.bad_form")
    parts: list[tuple[dict[bytes, bytes], bytearray]] = []
    name, value = bytearray(), bytearray()

    def header_end() -> None:
        parts[-1][0][bytes(name).lower()] = bytes(value)
        name.clear()
        value.clear()

    parser = MultipartParser(
        options[b"boundary"],
        {
            "on_part_begin": lambda: parts.append(({}, bytearray())),
            "on_part_data": lambda b, s, e: parts[-1][1].extend(b[s:e]),
            "on_header_field": lambda b, s, e: name.extend(b[s:e]),
            "on_header_value": lambda b, s, e: value.extend(b[s:e]),
            "on_header_end": header_end,
        },
    )
    try:
        parser.write(body)
        parser.finalize()
    except Exception as e:  # python-multipart's errors: not a multipart body
        raise shapes.ours(400, "gateway.api.bad_form") from e
    form = Form()
    for head, content in parts:
        _, disposition = parse_options_header(head.get(b"content-disposition", b""))
        key = disposition.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in disposition:
            filename = disposition[b"filename"].decode("utf-8", "replace")
            form.files.setdefault(key, (filename, bytes(content)))
        else:
            form.fields.setdefault(key, content.decode("utf-8", "replace").strip())
    return form


# --- fields ---------------------------------------------------------------------------------


def pdf_part(form: Form, key: str) -> tuple[str, bytes]:
    """The PDF in file part ``key`` (400 when missing or not a PDF)."""
    name, data = form.files.get(key, ("", b""))
    if not data:
        raise shapes.ours(400, "gateway.api.no_file", field=key)
    if b"%PDF-" not in data[:1024]:
        raise shapes.ours(400, "gateway.api.not_pdf", field=key)
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "dokumen.pdf"
    return name, data


def signed_name(name: str) -> str:
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    kept = "".join(c if c.isalnum() or c in "-_." else "_" for c in stem)
    return f"{kept or 'dokumen'}_signed.pdf"


def passphrase(text: str) -> Secret:
    if not text:
        raise shapes.ours(400, "gateway.api.no_passphrase")
    return Secret(text.encode("utf-8"))


def text(form: Form, key: str) -> str | None:
    value = " ".join(form.fields.get(key, "").split())
    if len(value) > TEXT_LIMIT:
        raise shapes.bad(key, i18n.t("gateway.api.too_long", max=TEXT_LIMIT))
    return value or None


def _number(form: Form, key: str) -> float | None:
    value = form.fields.get(key, "")
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError as e:
        raise shapes.bad(key, i18n.t("gateway.api.number")) from e
    if not 0 <= number <= 14_400:
        raise shapes.bad(key, i18n.t("gateway.api.number"))
    return number


def _choice(value: str, key: str, choices: dict[str, str]) -> str:
    found = choices.get(value.strip().lower())
    if found is None:
        listed = ", ".join(sorted(set(choices)))
        raise shapes.bad(key, i18n.t("gateway.api.choices", choices=listed))
    return found


def _page(form: Form) -> str | None:
    page, halaman = form.fields.get("page", ""), form.fields.get("halaman", "")
    if page:
        if not page.strip().isdigit() or int(page) < 1:
            raise shapes.bad("page", i18n.t("gateway.api.number"))
        return str(int(page))
    if halaman:
        if halaman.strip().isdigit() and int(halaman) >= 1:
            return str(int(halaman))
        return _choice(halaman, "halaman", {"pertama": "first", "terakhir": "last"})
    return None


def _box(form: Form) -> Any:
    """``xAxis``/``yAxis`` the lower-left corner, ``width``/``height`` the upper-right one
    (as the gateway's clients send them); None when absent or all zero."""
    from esign.stamp.place import Box

    values = [_number(form, k) for k in ("xAxis", "yAxis", "width", "height")]
    if all(v is None or v == 0 for v in values):
        return None
    x, y, right, top = (v or 0.0 for v in values)
    if right <= x or top <= y:
        raise shapes.bad("width", i18n.t("gateway.api.corner"))
    return Box(x=x, y=y, w=right - x, h=top - y)


def _link(form: Form) -> str | None:
    link = text(form, "linkQR")
    if link and not link.lower().startswith(("http://", "https://")):
        raise shapes.bad("linkQR", i18n.t("gateway.api.link"))
    return link


def looks(form: Form) -> gateway.Looks:
    """The visual fields of a v1 request."""
    shown = _choice(
        form.fields.get("tampilan") or "invisible",
        "tampilan",
        {"visible": "visible", "invisible": "invisible"},
    )
    if shown == "invisible":
        return gateway.Looks()
    image = None
    wants_image = form.fields.get("image", "false").strip().lower() == "true"
    if wants_image:
        _, image = form.files.get("imageTTD", ("", b""))
        if not image:
            raise shapes.bad("imageTTD", i18n.t("gateway.api.image_needed"))
        gateway.check_image(image)
    return gateway.Looks(
        visible=True,
        image=image,
        link=None if wants_image else _link(form),
        page=_page(form),
        box=_box(form),
        tag=text(form, "tag_koordinat"),
    )
