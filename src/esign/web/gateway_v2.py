"""The gateway's v2 requests (JSON, files in base64) read into esign's terms: who signs,
with which passphrase, which letters, and what each shows (``signatureProperties``).

Pure functions over the parsed body; the routes are in :mod:`esign.web.gateway`. Every
refusal is a :class:`~esign.web.gateway_shapes.ApiFailure` naming the field.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from esign import i18n
from esign.app.gateway import Looks, check_image
from esign.keys import Secret
from esign.stamp.place import Box
from esign.web import gateway_shapes as shapes

MAX_FILES = 20
"""Letters in one v2 signing request."""
TEXT_LIMIT = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One letter of a v2 request and what its signature shows."""

    data: bytes
    looks: Looks
    reason: str | None
    location: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SignRequest:
    """A v2 ``/api/v2/sign/pdf`` request."""

    nik: str | None
    email: str | None
    passphrase: Secret
    items: tuple[Item, ...]


def read_json(body: bytes) -> dict[str, Any]:
    """The request's JSON object (400 when the body is not one)."""
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise shapes.ours(400, "gateway.api.bad_json") from e
    if not isinstance(value, dict):
        raise shapes.ours(400, "gateway.api.bad_json")
    return value


def _string(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)  # a NIK sent as a number, as some clients do
    if not isinstance(value, str):
        raise shapes.bad(key, i18n.t("gateway.api.text"))
    text = " ".join(value.split())
    if len(text) > TEXT_LIMIT:
        raise shapes.bad(key, i18n.t("gateway.api.too_long", max=TEXT_LIMIT))
    return text or None


def _number(props: dict[str, Any], key: str) -> float | None:
    value = props.get(key)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as e:
        raise shapes.bad(key, i18n.t("gateway.api.number")) from e
    if not 0 <= number <= 14_400:
        raise shapes.bad(key, i18n.t("gateway.api.number"))
    return number


def pdf_of(value: Any, key: str) -> bytes:
    """A base64 PDF (400 when missing, not base64, or not a PDF)."""
    if not isinstance(value, str) or not value:
        raise shapes.ours(400, "gateway.api.no_file", field=key)
    try:
        data = base64.b64decode(value.split(",", 1)[-1], validate=False)
    except (binascii.Error, ValueError) as e:
        raise shapes.ours(400, "gateway.api.not_pdf", field=key) from e
    if b"%PDF-" not in data[:1024]:
        raise shapes.ours(400, "gateway.api.not_pdf", field=key)
    return data


def _looks(props: dict[str, Any]) -> Looks:
    shown = str(props.get("tampilan") or "INVISIBLE").strip().upper()
    if shown not in ("VISIBLE", "INVISIBLE"):
        raise shapes.bad("tampilan", i18n.t("gateway.api.choices", choices="VISIBLE, INVISIBLE"))
    if shown == "INVISIBLE":
        return Looks()
    image = None
    if props.get("imageBase64"):
        try:
            image = base64.b64decode(str(props["imageBase64"]).split(",", 1)[-1])
        except (binascii.Error, ValueError) as e:
            raise shapes.bad("imageBase64", i18n.t("gateway.api.image_base64")) from e
        check_image(image)
    page = props.get("page")
    if page is not None and (not str(page).isdigit() or int(page) < 1):
        raise shapes.bad("page", i18n.t("gateway.api.number"))
    values = [_number(props, k) for k in ("originX", "originY", "width", "height")]
    box = None
    if not all(v is None or v == 0 for v in values):
        x, y, w, h = (v or 0.0 for v in values)
        if w <= 0 or h <= 0:
            raise shapes.bad("width", i18n.t("gateway.api.size"))
        box = Box(x=x, y=y, w=w, h=h)
    return Looks(
        visible=True,
        image=image,
        page=str(int(page)) if page is not None else None,
        box=box,
        tag=_string(props, "tag_koordinat"),
    )


def _item(data: bytes, props: dict[str, Any]) -> Item:
    return Item(
        data=data,
        looks=_looks(props),
        reason=_string(props, "reason"),
        location=_string(props, "location"),
    )


def parse_sign(body: dict[str, Any]) -> SignRequest:
    """``{nik|email, passphrase, signatureProperties: [...], file: [b64, ...]}``: one
    properties entry for every letter, or one per letter."""
    nik, email = _string(body, "nik"), _string(body, "email")
    if nik is None and email is None:
        raise shapes.ApiFailure(400, *shapes.NIK_MISSING)
    passphrase = body.get("passphrase")
    if not passphrase:
        key = "gateway.api.totp" if body.get("totp") else "gateway.api.no_passphrase"
        raise shapes.ours(400, key)
    if not isinstance(passphrase, str):
        raise shapes.bad("passphrase", i18n.t("gateway.api.text"))
    files = body.get("file")
    if isinstance(files, str):
        files = [files]
    if not isinstance(files, list) or not files:
        raise shapes.ours(400, "gateway.api.no_file", field="file")
    if len(files) > MAX_FILES:
        raise shapes.bad("file", i18n.t("gateway.api.max_files", max=MAX_FILES))
    props = body.get("signatureProperties") or [{}]
    if isinstance(props, dict):
        props = [props]
    if not isinstance(props, list) or not all(isinstance(p, dict) for p in props):
        raise shapes.bad("signatureProperties", i18n.t("gateway.api.props"))
    if len(props) not in (1, len(files)):
        raise shapes.bad("signatureProperties", i18n.t("gateway.api.props"))
    items = tuple(
        _item(pdf_of(f, "file"), props[0] if len(props) == 1 else props[n])
        for n, f in enumerate(files)
    )
    return SignRequest(
        nik=nik, email=email, passphrase=Secret(passphrase.encode("utf-8")), items=items
    )


def parse_status(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """``{nik}`` or ``{email}``."""
    nik, email = _string(body, "nik"), _string(body, "email")
    if nik is None and email is None:
        raise shapes.ApiFailure(400, *shapes.NIK_MISSING)
    return nik, email
