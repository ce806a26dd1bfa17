"""Store administration: ``init``, ``ca``, ``cert``, ``trust``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from esign import i18n
from esign.app import admin
from esign.cli.common import (
    Env,
    KeyPassphrase,
    LocalizedCommand,
    LocalizedGroup,
    json_option,
    key_passphrase,
    option,
    pass_env,
    passphrase_file_option,
    pin_file_option,
    resolve_secret,
    token_pin,
)
from esign.cli.completion import cert_ids
from esign.config import validate, write_setting
from esign.errors import OutputError, StoreError
from esign.keys import KeyType, Secret, parse_key_type
from esign.models import CertKind
from esign.pdf import atomic_output
from esign.pki import SubjectProfile
from esign.render import json as rjson
from esign.render import terminal as report
from esign.store import create_store

KEY_CHOICES = [k.value for k in KeyType]


def _new_passphrase(
    env: Env, file: Path | None, id: str, variable: str = "ESIGN_PASSPHRASE"
) -> Secret:
    return resolve_secret(
        env,
        file=file,
        variable=variable,
        option_name="--passphrase-file",
        prompt=i18n.t("pass.prompt.new", id=id),
        what=i18n.t("pass.what.key", id=id),
        confirm=True,
    )


def _key_secret(env: Env, token: str | None, file: Path | None, id: str) -> Secret:
    """The new key's secret: its token's PIN, or a new passphrase to seal it with."""
    return token_pin(env, token) if token else _new_passphrase(env, file, id)


@click.command("init", cls=LocalizedCommand, help="help.init")
@pass_env
def init(env: Env) -> None:
    try:
        create_store(env.store_location, env.now()).close()
    except StoreError as e:
        if e.key != "store.exists":
            raise
        env.out.print(e.message)
        return
    env.out.print(i18n.t("store.created", path=env.store_location))


@click.group("ca", cls=LocalizedGroup, help="help.ca")
def ca() -> None:
    pass


@ca.command("create", help="help.ca.create")
@option("--name", required=True, help="help.opt.ca_name")
@option("--org", help="help.opt.org")
@option("--id", "ca_id", default=admin.CA_ID, show_default=True, help="help.opt.id")
@option(
    "--key",
    "key_type",
    type=click.Choice(KEY_CHOICES),
    default="rsa3072",
    show_default=True,
    help="help.opt.key",
)
@option("--base-url", help="help.opt.base_url")
@passphrase_file_option()
@json_option()
@pass_env
def ca_create(
    env: Env,
    name: str,
    org: str | None,
    ca_id: str,
    key_type: str,
    base_url: str | None,
    passphrase_file: Path | None,
    as_json: bool,
) -> None:
    with env.open_store() as store:
        existing = store.has_ca()
        if existing is not None:
            raise StoreError("store.ca_exists", id=existing.id)
        if base_url:
            validate("base-url", base_url)  # fail before anything is created
        secret = _new_passphrase(env, passphrase_file, ca_id, variable="ESIGN_CA_PASSPHRASE")
        if base_url:  # before the CA: a kill in between leaves a setting, not a CA without it
            write_setting(env.settings.path, "base-url", base_url)
        info = admin.create_ca(
            store,
            name=name,
            org=org,
            passphrase=secret,
            at=env.now(),
            key_type=parse_key_type(key_type),
            id=ca_id,
        )
    if as_json:
        click.echo(rjson.dumps(rjson.to_dict(info)))
    else:
        env.out.print(i18n.t("ca.created", name=name, until=info.not_after))


@ca.command("show", help="help.ca.show")
@json_option()
@pass_env
def ca_show(env: Env, as_json: bool) -> None:
    with env.open_store() as store:
        info = admin.info(store.ca(), env.now())
    _show(env, info, as_json)


def _show(env: Env, info: object, as_json: bool) -> None:
    if as_json:
        click.echo(rjson.dumps(rjson.to_dict(info)))
    else:
        report.render_cert(env.out, info, env.settings.timezone())  # type: ignore[arg-type]


@click.group("cert", cls=LocalizedGroup, help="help.cert")
def cert() -> None:
    pass


@cert.command("issue", help="help.cert.issue")
@option("--id", "cert_id", required=True, help="help.opt.id")
@option("--name", help="help.opt.name")
@option("--nip", help="help.opt.nip")
@option("--title", help="help.opt.title")
@option("--org", help="help.opt.org")
@option("--unit", help="help.opt.unit")
@option("--email", help="help.opt.email")
@option("--city", help="help.opt.city")
@option("--rank", help="help.opt.rank")
@option("--nik", help="help.opt.nik")
@option(
    "--kind",
    type=click.Choice(["person", "seal"]),
    default="person",
    show_default=True,
    help="help.opt.kind",
)
@option("--seal", is_flag=True, help="help.opt.seal")
@option(
    "--key",
    "key_type",
    type=click.Choice(KEY_CHOICES),
    default="rsa2048",
    show_default=True,
    help="help.opt.key",
)
@option("--token", metavar="LABEL", help="help.opt.token")
@passphrase_file_option()
@passphrase_file_option("--ca-passphrase-file")
@pin_file_option()
@json_option()
@pass_env
def cert_issue(
    env: Env,
    cert_id: str,
    name: str,
    nip: str | None,
    title: str | None,
    org: str | None,
    unit: str | None,
    email: str | None,
    city: str | None,
    rank: str | None,
    nik: str | None,
    kind: str,
    seal: bool,
    key_type: str,
    token: str | None,
    passphrase_file: Path | None,
    ca_passphrase_file: Path | None,
    as_json: bool,
) -> None:
    name = _subject_name(kind, seal, name=name, org=org, person_only=(nip, title, rank))
    profile = SubjectProfile(
        name=name,
        kind=CertKind.SEAL if seal else CertKind(kind),
        nip=nip,
        title=title,
        org=org,
        unit=unit,
        email=email,
        city=city,
    )
    from esign.pki import check_profile

    check_profile(profile)
    with env.open_store() as store:
        admin.check_can_issue(store, cert_id)  # before asking any passphrase
        if nik is not None:  # the NIK checked before any passphrase
            from esign.app.gateway import check_nik_free, set_nik

            nik = check_nik_free(store, cert_id, nik, kind=CertKind("seal" if seal else kind))
        info = admin.issue(  # the CA's passphrase (three tries), then the new key's
            store,
            id=cert_id,
            profile=profile,
            ca_passphrase=KeyPassphrase(
                env, ca_passphrase_file, "ESIGN_CA_PASSPHRASE", "--ca-passphrase-file"
            ),
            passphrase=lambda: _key_secret(env, token, passphrase_file, cert_id),
            at=env.now(),
            base_url=env.settings.get("base-url"),
            key_type=parse_key_type(key_type),
            rank=rank,
            token=token,
        )
        if nik is not None:
            set_nik(store, cert_id, nik, env.now())
    if as_json:
        click.echo(rjson.dumps(rjson.to_dict(info)))
    else:
        env.out.print(i18n.t("cert.issued", id=cert_id, name=name, until=info.not_after))


def _subject_name(
    kind: str,
    seal: bool,
    *,
    name: str | None,
    org: str | None,
    person_only: tuple[str | None, ...],
) -> str:
    """The CN: the officer's name, or for a seal the institution (``--name``, else ``--org``).

    A seal is an organization's certificate (PP 71/2019 Pasal 59(2)): it needs ``--org``
    and has no person in it, so ``--nip``, ``--title`` and ``--rank`` are refused.
    """
    ctx = click.get_current_context()
    from_command_line = ctx.get_parameter_source("kind") is click.core.ParameterSource.COMMANDLINE
    if seal and from_command_line and kind != "seal":
        raise click.UsageError(i18n.t("cert.seal_kind_conflict"))
    if seal or kind == "seal":
        if not org:
            raise click.UsageError(i18n.t("cert.seal_needs_org"))
        if any(person_only):
            raise click.UsageError(i18n.t("cert.seal_no_person"))
        return name or org
    if not name:
        raise click.UsageError(i18n.t("cert.person_needs_name"))
    return name


@cert.command("list", help="help.cert.list")
@json_option()
@pass_env
def cert_list(env: Env, as_json: bool) -> None:
    with env.open_store() as store:
        certs = admin.list_certs(store, env.now())
    if as_json:
        click.echo(rjson.dumps([rjson.cert_json(c) for c in certs]))
    else:
        report.render_cert_list(env.out, certs, env.settings.timezone())


@cert.command("show", help="help.cert.show")
@click.argument("cert_id", shell_complete=cert_ids)
@json_option()
@pass_env
def cert_show(env: Env, cert_id: str, as_json: bool) -> None:
    with env.open_store() as store:
        info = admin.show(store, cert_id, env.now())
    _show(env, info, as_json)


@cert.command("rank", help="help.cert.rank")
@click.argument("cert_id", shell_complete=cert_ids)
@click.argument("rank", required=False)
@option("--clear", is_flag=True, help="help.opt.rank_clear")
@json_option()
@pass_env
def cert_rank(env: Env, cert_id: str, rank: str | None, clear: bool, as_json: bool) -> None:
    with env.open_store() as store:
        if rank is None and not clear:
            info = admin.show(store, cert_id, env.now())
        else:
            if rank is not None and clear:
                raise click.UsageError(i18n.t("cert.rank_both"))
            info = admin.set_rank(store, cert_id, None if clear else rank, env.now())
    if as_json:
        click.echo(rjson.dumps(rjson.to_dict(info)))
    elif rank is None and not clear:
        env.out.print(info.rank or i18n.t("cert.rank_none", id=cert_id))
    else:
        env.out.print(i18n.t("cert.rank_set", id=cert_id, rank=info.rank or "-"))


@cert.command("export", help="help.cert.export")
@click.argument("cert_id", shell_complete=cert_ids)
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="help.opt.out")
@option("--p12", is_flag=True, help="help.opt.p12")
@option("--chain", is_flag=True, help="help.opt.chain")
@option("--force", is_flag=True, help="help.opt.force")
@passphrase_file_option()
@pass_env
def cert_export(
    env: Env,
    cert_id: str,
    output: Path | None,
    p12: bool,
    chain: bool,
    force: bool,
    passphrase_file: Path | None,
) -> None:
    with env.open_store() as store:
        if p12:
            if output is None:
                raise OutputError("out.p12_needs_file")
            admin.check_can_export(store, cert_id)  # before the passphrase
            secret = key_passphrase(env, passphrase_file, cert_id)
            data = admin.export_p12(store, cert_id, secret, env.now())
        else:
            data = admin.export_pem(store, cert_id, chain=chain)
    if output is None:
        sys.stdout.write(data.decode("ascii"))
        return
    with atomic_output(output, overwrite=force, mode=0o600 if p12 else None) as fh:
        fh.write(data)
    env.err.print(i18n.t("cert.exported", file=output))


@cert.command("import", help="help.cert.import")
@click.argument("p12_file", type=click.Path(dir_okay=False, path_type=Path))
@option("--id", "cert_id", required=True, help="help.opt.id")
@option(
    "--kind",
    type=click.Choice(["person", "seal"]),
    default="person",
    show_default=True,
    help="help.opt.kind",
)
@option("--trust-root", is_flag=True, help="help.opt.trust_root")
@option("--to-token", metavar="LABEL", help="help.opt.to_token")
@passphrase_file_option()
@pin_file_option()
@json_option()
@pass_env
def cert_import(
    env: Env,
    p12_file: Path,
    cert_id: str,
    kind: str,
    trust_root: bool,
    to_token: str | None,
    passphrase_file: Path | None,
    as_json: bool,
) -> None:
    from esign.errors import PdfInputError

    try:
        data = p12_file.read_bytes()
    except FileNotFoundError as e:
        raise PdfInputError("pdf.missing", file=p12_file) from e
    except OSError as e:
        raise PdfInputError("pdf.unreadable", file=p12_file, detail=i18n.os_error(e)) from e
    with env.open_store() as store:
        if cert_id in {r.id for r in store.identities()}:
            raise StoreError("store.duplicate_id", hint_key="store.duplicate_id.hint", id=cert_id)
        secret = resolve_secret(
            env,
            file=passphrase_file,
            variable="ESIGN_PASSPHRASE",
            option_name="--passphrase-file",
            prompt=i18n.t("pass.prompt.p12", file=p12_file),
            what=str(p12_file),
        )
        info = admin.import_p12(
            store,
            id=cert_id,
            data=data,
            file=str(p12_file),
            passphrase=secret,
            at=env.now(),
            kind=CertKind(kind),
            to_token=to_token,
            pin=token_pin(env, to_token) if to_token else None,
        )
        if trust_root:
            admin.trust_chain_root(store, cert_id, env.now())
    if as_json:
        click.echo(rjson.dumps(rjson.to_dict(info)))
    else:
        env.out.print(
            i18n.t("cert.imported", id=cert_id, name=info.subject.name, issuer=info.issuer_dn)
        )


@click.group("trust", cls=LocalizedGroup, help="help.trust")
def trust() -> None:
    pass


@trust.command("add", help="help.trust.add")
@click.argument("cert_file", type=click.Path(dir_okay=False, path_type=Path))
@pass_env
def trust_add(env: Env, cert_file: Path) -> None:
    with env.open_store() as store:
        anchor = admin.trust_add(store, cert_file, env.now())
    env.out.print(i18n.t("trust.added", subject=anchor.subject_dn, fingerprint=anchor.fingerprint))


@trust.command("list", help="help.trust.list")
@json_option()
@pass_env
def trust_list(env: Env, as_json: bool) -> None:
    with env.open_store() as store:
        anchors = admin.trust_list(store)
    if as_json:
        click.echo(rjson.dumps([rjson.to_dict(a) for a in anchors]))
    else:
        report.render_trust(env.out, anchors, env.settings.timezone())


@trust.command("remove", help="help.trust.remove")
@click.argument("fingerprint")
@pass_env
def trust_remove(env: Env, fingerprint: str) -> None:
    with env.open_store() as store:
        anchor = admin.trust_remove(store, fingerprint, env.now())
    env.out.print(i18n.t("trust.removed", subject=anchor.subject_dn))


@trust.command("export-kit", help="help.trust.export_kit")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@option("--force", is_flag=True, help="help.opt.kit_force")
@json_option()
@pass_env
def trust_export_kit(env: Env, folder: Path, force: bool, as_json: bool) -> None:
    from esign.app.trustkit import export_kit

    with env.open_store() as store:
        kit = export_kit(
            store, folder, at=env.now(), verify_url=env.settings.get("verify-url"), force=force
        )
    if as_json:
        click.echo(
            rjson.dumps(
                {
                    "folder": str(kit.folder),
                    "files": [str(f) for f in kit.files],
                    "subject": kit.subject,
                    "sha256": kit.sha256,
                }
            )
        )
        return
    env.out.print(i18n.t("trustkit.written", subject=kit.subject, folder=kit.folder))
    for file in kit.files:
        env.out.print(f"  {file}")
    env.out.print(i18n.t("trustkit.fingerprint", fingerprint=kit.sha256))


COMMANDS = (init, ca, cert, trust)
