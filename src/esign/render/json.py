"""The JSON shapes: the versioned contract documented in docs/json.md.

Compact, one object per line for ``verify``, booleans as JSON booleans, enum values in
English whatever the user's language. No rich here: the web service and the API use it too.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from esign import i18n
from esign.models import JSON_SCHEMA_VERSION, CertInfo, VerificationReport
from esign.sanitize import escape_json


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = [f.name for f in dataclasses.fields(value)]
        names += getattr(value, "JSON_EXTRA", ())  # properties rendered now (e.g. problems)
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def to_dict(obj: Any) -> dict[str, Any]:
    """A dataclass as JSON-ready data."""
    data = _plain(obj)
    assert isinstance(data, dict)
    return data


def cert_json(info: CertInfo) -> dict[str, Any]:
    """One ``esign cert list --json`` entry: the flat fields scripts use, then the rest."""
    flat = {
        "id": info.id,
        "name": info.subject.name,
        "nip": info.subject.nip,
        "title": info.subject.title,
        "org": info.subject.org,
        "kind": info.kind.value,
        "not_after": info.not_after.isoformat(),
        "status": info.status.value,
    }
    return {**flat, **{k: v for k, v in to_dict(info).items() if k not in flat}}


def job_json(result: Any) -> dict[str, Any]:
    """One ``esign sign --json`` line of a batch: input, output, sha256, signer, time, status."""
    data = to_dict(result)
    return {
        "input": data["input"],
        "output": data["output"],
        "status": data["status"],
        "sha256": data["sha256"],
        "signer": data["signer"],
        "time": data["signed_at"],
        "error": data["error"],
        "field": data["field"],
        "sha256_before": data["sha256_before"],
        "exit_code": data["exit_code"],
        "repaired": data["repaired"],
    }


def verification_json(report: VerificationReport, lang: str | None = None) -> dict[str, Any]:
    """The ``esign verify --json`` object for one file (schema 1); its text fields (problems)
    in ``lang`` (default: the current language)."""
    with i18n.language(lang or i18n.get_language()):
        data = to_dict(report)
    return {"schema": JSON_SCHEMA_VERSION, **data}


def dumps(data: Any) -> str:
    """Compact, one-line JSON (UTF-8 text kept readable). Control, format and separator
    characters, and file name bytes that were not UTF-8, are written as ``\\u`` escapes
    (:func:`esign.sanitize.escape_json`): exact for a parser, inert on a terminal."""
    return escape_json(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
