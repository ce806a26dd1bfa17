"""Signature assembly: what the footer, DocMDP certification, the signing order and the
stamp add to one signature, as extra pyHanko arguments.

This is the signing side's job, not the stamp's: :mod:`esign.stamp` draws the block and
:mod:`esign.fields` keeps the declared order; :func:`signing_extras` puts them together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from esign.errors import SigningError
from esign.fields import check_order
from esign.stamp import fill_template, prepare

if TYPE_CHECKING:
    from esign.keys import SigningKey
    from esign.sign import SignOptions


@dataclass(frozen=True, slots=True, kw_only=True)
class SigningExtras:
    """What the stamp, footer, certification and order checks add to a signing."""

    meta: dict[str, Any]
    """Extra ``PdfSignatureMetadata`` arguments."""
    signer: dict[str, Any]
    """Extra ``PdfSigner`` arguments."""
    code: str | None = None
    """The QR verification code, if a QR was drawn."""
    token: str | None = None
    """The signed statement in the QR, if a QR was drawn."""
    pages: tuple[int, ...] = ()
    """1-based pages the signature shows on, when it shows on several (a paraf)."""


def signing_extras(
    writer: Any,
    options: SignOptions,
    *,
    key: SigningKey,
    at: datetime,
    sha256_before: str,
    file: Path,
    field: str,
) -> SigningExtras:
    """Apply footer/order checks to ``writer`` and return the extra signer arguments."""
    from pyhanko.sign.fields import enumerate_sig_fields

    fields = {name: value for name, value, _ref in enumerate_sig_fields(writer.prev)}
    signed = any(value is not None for value in fields.values())
    meta: dict[str, Any] = {}
    signer: dict[str, Any] = {}
    if options.stamp is not None and not signed:  # placeholders out of the text layer
        fill_template(writer, options.stamp, key=key, at=at, file=file, role=options.role)
    if options.footer is not None:
        if signed:
            raise SigningError(
                "footer.already_signed", hint_key="footer.already_signed.hint", file=file
            )
        from esign.stamp.footer import add_footer

        add_footer(writer, options.footer, key.cert)
    if options.certify is not None:
        from pyhanko.sign.fields import MDPPerm

        if signed:
            raise SigningError("certify.not_first", file=file)
        perms = {
            "none": MDPPerm.NO_CHANGES,
            "forms": MDPPerm.FILL_FORMS,
            "annotations": MDPPerm.ANNOTATE,
        }
        meta.update(certify=True, docmdp_permissions=perms[options.certify])
    if options.role is not None:  # the claim, covered by the signature (esign.roles)
        from esign.pki import identity_of
        from esign.roles import cades_spec

        meta["cades_signed_attr_spec"] = cades_spec(options.role, identity_of(key.cert).title)
    if not options.force_order:
        check_order(writer, field, file)
    pages: tuple[int, ...] = ()
    if options.paraf is not None:
        pages = _paraf(writer, options, key=key, at=at, field=field, file=file)
    code = token = None
    if options.stamp is not None:
        from pyhanko.sign.fields import SigFieldSpec

        setup = prepare(
            writer,
            options.stamp,
            key=key,
            at=at,
            sha256_before=sha256_before,
            file=file,
            existing_field=field in fields,
            role=options.role,
        )
        signer["stamp_style"] = setup.style
        if setup.page is not None and setup.box is not None:
            signer["new_field_spec"] = SigFieldSpec(
                sig_field_name=field, on_page=setup.page, box=setup.box.rounded()
            )
        code, token = setup.code, setup.token
    return SigningExtras(meta=meta, signer=signer, code=code, token=token, pages=pages)


def _paraf(
    writer: Any, options: SignOptions, *, key: SigningKey, at: datetime, field: str, file: Path
) -> tuple[int, ...]:
    """The paraf's field and its widget on every page; the field's /Kids are linked just
    before the revision is written (pyHanko fills single-widget fields only)."""
    from esign.pki import identity_of
    from esign.stamp.paraf import add_paraf_widgets

    assert options.paraf is not None
    if options.stamp is not None:
        raise SigningError("paraf.with_stamp", file=file)
    plan = add_paraf_widgets(
        writer,
        options.paraf,
        field=field,
        name=identity_of(key.cert).name,
        at=at,
        source=file,
        footer=(options.footer, key.cert) if options.footer is not None else None,
    )
    writer.before_write.append(plan.attach)
    return plan.pages
