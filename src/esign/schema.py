"""The JSON Schema of ``esign verify --json`` (schema 1), derived from the dataclasses.

``docs/verify.schema.json`` is this function's output, committed; tests check that the
file is current and that real output validates against it. Field descriptions come from
the docstrings under each field in :mod:`esign.models`.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import inspect
import itertools
import json
import types
import typing
from datetime import datetime
from pathlib import Path
from typing import Any

from esign import models
from esign.models import JSON_SCHEMA_VERSION, VerificationReport

SCHEMA_ID = "https://esign.local/schemas/verify-1.json"


def _field_docs(cls: type) -> dict[str, str]:
    """The string literal under each annotated field of a dataclass body."""
    tree = ast.parse(inspect.getsource(cls))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[str, str] = {}
    for node, nxt in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(nxt, ast.Expr)
            and isinstance(nxt.value, ast.Constant)
            and isinstance(nxt.value.value, str)
        ):
            docs[node.target.id] = " ".join(nxt.value.value.split())
    return docs


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a, defs) for a in args if a is not type(None)]
        nullable = type(None) in args
        schema = options[0] if len(options) == 1 else {"anyOf": options}
        return {"anyOf": [schema, {"type": "null"}]} if nullable else schema
    if origin is tuple and len(args) > 1 and Ellipsis not in args:  # fixed length
        items = _type_schema(args[0], defs)
        return {"type": "array", "items": items, "minItems": len(args), "maxItems": len(args)}
    if origin in (tuple, list):
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if tp is datetime:
        return {"type": "string", "format": "date-time"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is str:
        return {"type": "string"}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON schema for {tp!r}")


def _object_schema(cls: Any, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(models))
    docs = _field_docs(cls)
    props = {}
    for f in dataclasses.fields(cls):
        prop = _type_schema(hints[f.name], defs)
        if f.name in docs:
            prop = {**prop, "description": docs[f.name]}
        props[f.name] = prop
    for name in getattr(cls, "JSON_EXTRA", ()):  # properties the JSON view adds
        getter = getattr(cls, name).fget
        prop = _type_schema(typing.get_type_hints(getter, vars(models))["return"], defs)
        props[name] = {**prop, "description": " ".join((getter.__doc__ or "").split())}
    return {
        "type": "object",
        "description": " ".join((cls.__doc__ or "").split()),
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def verify_schema() -> dict[str, Any]:
    """The schema of one ``esign verify --json`` line."""
    defs: dict[str, Any] = {}
    root = _object_schema(VerificationReport, defs)
    root["properties"] = {
        "schema": {"const": JSON_SCHEMA_VERSION, "description": "Version of this contract."},
        **root["properties"],
    }
    root["required"] = ["schema", *root["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "esign verify --json (one line per file)",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def write(path: Path) -> None:
    """Regenerate the committed schema file."""
    path.write_text(
        json.dumps(verify_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":  # python -m esign.schema docs/verify.schema.json
    import sys

    write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/verify.schema.json"))
