"""``esign fields add|list`` and ``esign verify-qr``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from esign import i18n
from esign.cli.common import Env, LocalizedCommand, LocalizedGroup, json_option, option, pass_env
from esign.cli.stamping import parse_box_option
from esign.render import json as rjson

if TYPE_CHECKING:
    from datetime import datetime

    from esign.stamp.place import Box
    from esign.statement import QrReport
    from esign.store import Store


@click.group("fields", cls=LocalizedGroup, help="help.fields")
def fields() -> None:
    pass


@fields.command("add", help="help.fields.add")
@click.argument("file", type=click.Path(path_type=Path))
@option("--name", required=True, help="help.opt.field_name")
@option("--at", "tag", metavar="TAG", help="help.opt.field_at")
@option("--page", metavar="N|first|last", help="help.opt.page")
@option("--box", metavar="X,Y,W,H", callback=parse_box_option, help="help.opt.box")
@option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="help.opt.fields_out"
)
@option("--in-place", is_flag=True, help="help.opt.in_place")
@option("--force", is_flag=True, help="help.opt.force")
@pass_env
def fields_add(
    env: Env,
    file: Path,
    name: str,
    tag: str | None,
    page: str | None,
    box: Box | None,
    output: Path | None,
    in_place: bool,
    force: bool,
) -> None:
    from esign.errors import OutputError
    from esign.fields import add_field
    from esign.pdf import check_input

    check_input(file)
    if in_place and output is not None:
        raise OutputError("out.conflict")
    target = file if in_place else output or file.with_name(f"{file.stem}.fields.pdf")
    if not in_place and target.exists() and not force:
        raise OutputError("out.exists", hint_key="out.exists.hint", file=target)
    info = add_field(
        file,
        target,
        name=name,
        page=page,
        box=box,
        overwrite=in_place or force,
        tag=tag,
    )
    env.out.print(i18n.t("fields.added", field=name, page=info.page, order=info.order, file=target))


@fields.command("list", help="help.fields.list")
@click.argument("file", type=click.Path(path_type=Path))
@json_option()
@pass_env
def fields_list(env: Env, file: Path, as_json: bool) -> None:
    from esign.fields import list_fields

    found = list_fields(file)
    if as_json:
        click.echo(
            rjson.dumps(
                {"schema": 1, "file": str(file), "fields": [rjson.to_dict(f) for f in found]}
            )
        )
        return
    if not found:
        env.out.print(i18n.t("fields.none", file=file))
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for key in ("fields.col.order", "fields.col.name", "fields.col.page", "fields.col.signed"):
        table.add_column(i18n.t(key))
    for f in sorted(found, key=lambda f: (f.order or 999, f.name)):
        table.add_row(
            str(f.order or "-"),
            f.name,
            str(f.page or "-"),
            i18n.t("fields.yes" if f.signed else "fields.no"),
        )
    env.out.print(table)


@click.command("verify-qr", cls=LocalizedCommand, help="help.verify_qr")
@click.argument("payload")
@option(
    "--pdf", "pdf_file", type=click.Path(dir_okay=False, path_type=Path), help="help.opt.qr_pdf"
)
@json_option()
@click.pass_context
def verify_qr(ctx: click.Context, payload: str, pdf_file: Path | None, as_json: bool) -> None:
    """PAYLOAD: the QR's text, a PNG/JPEG of it, or the verification code under it.

    Exit codes: 0 valid, 3 invalid (forged or altered statement, mistyped code, the wrong
    PDF, a PDF whose signatures are invalid), 4 cannot confirm, 15 the PDF was changed after
    signing, 16 code not in the register.
    """
    from esign import statement
    from esign.app.trust import store_certificates
    from esign.errors import PdfInputError

    env: Env = ctx.obj
    text = payload
    if _is_file(payload):
        texts = statement.decode_image(payload)
        if not texts:
            raise PdfInputError("qr.no_code_in_image", file=payload)
        text = texts[0]
    if pdf_file is not None:
        from esign.pdf import check_input

        check_input(pdf_file)
    with env.open_store() as store:
        known = store_certificates(store)
        certs, roots = list(known.others), list(known.roots)
        result = statement.check(
            text,
            certs=certs,
            roots=roots,
            lookup=lambda code: row.token if (row := store.issued_statement(code)) else None,
            revoked=_revoked(store),
            **_pdf_evidence(env, store, pdf_file),
        )
    if as_json:
        click.echo(rjson.dumps(_qr_json(result, pdf_file)))
    else:
        _render(env, result, pdf_file)
    ctx.exit(int(result.exit_code))


def _revoked(store: Store) -> dict[str, datetime]:
    """Fingerprint → revocation time of every certificate this store revoked."""
    from esign.pki import fingerprint

    return {fingerprint(r.cert): r.revoked_at for r in store.identities() if r.revoked_at}


def _is_file(text: str) -> bool:
    try:
        return len(text) < 4096 and Path(text).is_file()
    except OSError:
        return False


def _pdf_evidence(env: Env, store: Store, path: Path | None) -> dict[str, Any]:
    """The full verification of ``path``: ``verify_pdf`` with the trust ``esign verify``
    uses by default (the store's anchors, every certificate it knows, its revocation
    register, online revocation)."""
    if path is None:
        return {}
    from esign.app.trust import trust_settings
    from esign.verify import verify_pdf

    trust = trust_settings(store, at=env.now())
    report = verify_pdf(path, trust=trust, at=env.now())
    return {"pdf_bytes": path.read_bytes(), "pdf_report": report}


def _qr_json(result: QrReport, pdf_file: Path | None) -> dict[str, Any]:
    """The ``verify-qr --json`` object: the statement part, and the PDF part with the same
    verification object ``esign verify --json`` prints."""
    pdf = result.pdf
    return {
        "schema": 1,
        "verdict": result.verdict.value,
        "exit_code": int(result.exit_code),
        "input": result.input.value,
        "code": result.code,
        "registered": result.registered,
        "statement": rjson.to_dict(result.statement) if result.statement else None,
        "signature_ok": result.signature_ok,
        "trusted": result.trusted,
        "issuer": result.issuer,
        "pdf_matches": result.pdf_matches,
        "pdf": None
        if pdf is None
        else {
            "file": str(pdf_file),
            "names_document": pdf.names_document,
            "verdict": pdf.report.verdict.value,
            "verification": rjson.verification_json(pdf.report),
        },
        "problems": [{"key": k, "message": i18n.t(k)} for k in result.problems],
    }


def _headline(result: QrReport) -> str:
    from esign.statement import QrVerdict

    st = result.statement
    if result.verdict is QrVerdict.VALID and st is not None:
        return i18n.t("qr.valid_pdf" if result.pdf else "qr.valid", name=st.signer)
    if result.verdict is QrVerdict.NOT_FOUND:
        if result.code:
            return i18n.t("qr.not_found", code=result.code)
        return i18n.t("qr.not_found.bare")
    return i18n.t(f"qr.{result.verdict.value}")


def _render(env: Env, result: QrReport, pdf_file: Path | None) -> None:
    env.out.print(_headline(result))
    for key in result.problems:
        env.out.print(f"  - {i18n.t(key)}")
    st = result.statement
    if st is not None:
        tz = env.settings.timezone()
        from esign.stamp.text import format_when

        env.out.print(i18n.t("qr.line.signer", name=st.signer))
        if st.nip:
            from esign.pki import format_nip

            env.out.print(i18n.t("qr.line.nip", nip=format_nip(st.nip)))
        env.out.print(
            i18n.t("qr.line.time", when=format_when(st.signed_at, tz, i18n.get_language()))
        )
        env.out.print(i18n.t("qr.line.sha", sha=st.sha256))
        if result.issuer:
            env.out.print(i18n.t("qr.line.issuer", issuer=result.issuer))
        if result.code:
            env.out.print(i18n.t("qr.line.code", code=result.code))
        env.out.print(
            i18n.t("qr.line.registered" if result.registered else "qr.line.not_registered")
        )
    if result.pdf is not None:
        if result.pdf_matches:
            env.out.print(i18n.t("qr.line.pdf_ok"))
        verdict = i18n.t(f"verify.verdict.{result.pdf.report.verdict.value}")
        env.out.print(i18n.t("qr.line.pdf", file=pdf_file, verdict=verdict))
        from esign.render import terminal

        terminal.render_verification(env.out, result.pdf.report, env.settings.timezone())
    env.out.print(i18n.t("qr.what_it_proves"))


COMMANDS = (fields, verify_qr)
