"""Empty signature fields and the letter's signing order (paraf → head → seal).

``add_field`` reserves a field as an incremental update (pyHanko's
``append_signature_field``). The order is the order fields were added with
``esign fields add``; it is kept in the document itself, as the array
``/ESIGN_SigningOrder`` of field names in the AcroForm (a second-class key with a
prefix, which readers ignore), so every copy of the letter carries it. Signing a field
while an earlier one in that list is still empty is refused unless forced.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from esign import limits as input_limits
from esign import pdf
from esign.errors import EsignError, SigningError
from esign.stamp.place import Box

log = logging.getLogger(__name__)

ORDER_KEY = "/ESIGN_SigningOrder"


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldInfo:
    """One signature field."""

    name: str
    """Field name (``paraf1``)."""
    page: int | None
    """1-based page of its widget, if it has one."""
    box: tuple[float, float, float, float] | None
    """Widget rectangle ``(x1, y1, x2, y2)`` in points; None or zero-size when invisible."""
    signed: bool
    """Whether it holds a signature."""
    order: int | None
    """1-based position in the declared signing order, if declared."""


def _order(root: Any) -> list[str]:
    try:
        form = root["/AcroForm"]
        return [str(x) for x in form.get(ORDER_KEY, [])]
    except (KeyError, TypeError):
        return []


def _page_of(writer: Any, ref: Any) -> int | None:
    """0-based page whose /Annots holds the widget ``ref``."""
    for i in range(int(writer.root["/Pages"]["/Count"])):
        page = writer.find_page_for_modification(i)[0].get_object()
        annots = page.get("/Annots")
        annots = annots.get_object() if annots is not None else []
        if any(getattr(a, "idnum", None) == ref.idnum for a in annots):
            return i
    return None


def list_fields(path: Path) -> list[FieldInfo]:
    """The signature fields of ``path``, in document order, with the declared order."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import enumerate_sig_fields

    pdf.check_input(path)
    with input_limits.reading(path) as bounds, path.open("rb") as fh:
        writer = _open(fh, path, IncrementalPdfFileWriter)
        input_limits.check_document(writer.prev, bounds)
        order = _order(writer.prev.root)
        out = []
        for name, value, ref in enumerate_sig_fields(writer.prev):
            field = ref.get_object()
            page, rect = _page_of(writer, ref), field.get("/Rect")
            box: Any = tuple(float(v) for v in rect) if rect is not None else None
            out.append(
                FieldInfo(
                    name=str(name),
                    page=page + 1 if page is not None else None,
                    box=box if box and len(box) == 4 else None,
                    signed=value is not None,
                    order=order.index(name) + 1 if name in order else None,
                )
            )
    return out


def _open(fh: Any, path: Path, cls: Any) -> Any:
    from pyhanko.pdf_utils.misc import PdfError

    try:
        writer = cls(fh, strict=False)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as e:
        from esign.errors import PdfInputError

        raise PdfInputError(
            "pdf.damaged", hint_key="pdf.damaged.hint", file=path, detail=str(e) or type(e)
        ) from e
    if writer.prev.encrypted:
        from esign.errors import PdfInputError

        raise PdfInputError("pdf.encrypted", hint_key="pdf.encrypted.hint", file=path)
    return writer


def add_field(
    input: Path,
    output: Path,
    *,
    name: str,
    page: str | None,
    box: Box | None,
    overwrite: bool = False,
    tag: str | None = None,
) -> FieldInfo:
    """Reserve an empty signature field ``name`` (and append it to the signing order).

    With ``tag`` the field goes where the placeholder is, like ``esign sign --at`` (``page``
    then says where to look and ``box`` gives only the size).
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field, enumerate_sig_fields

    from esign.stamp.place import Placement, default_box, locate, page_geometry, page_index

    pdf.check_input(input)
    with input_limits.reading(input) as bounds, input.open("rb") as fh:
        writer = _open(fh, input, IncrementalPdfFileWriter)
        input_limits.check_document(writer.prev, bounds)
        if any(n == name for n, _v, _r in enumerate_sig_fields(writer.prev)):
            raise SigningError("fields.exists", file=input, field=name)
        pages = int(writer.root["/Pages"]["/Count"])
        if tag:
            index, box = locate(writer, Placement(tag=tag, page=page, box=box), input)
        else:
            index = page_index(page, pages, input)
        if box is None:
            x0, y0, w, h = page_geometry(writer, index)
            box = default_box(w, h, x0=x0, y0=y0)
        order = _order(writer.prev.root)
        try:
            append_signature_field(
                writer, SigFieldSpec(sig_field_name=name, on_page=index, box=box.rounded())
            )
            form = writer.root["/AcroForm"]
            form[generic.pdf_name(ORDER_KEY)] = generic.ArrayObject(
                [generic.TextStringObject(n) for n in [*order, name]]
            )
            writer.update_container(form)
            with pdf.atomic_output(output, overwrite=overwrite, mode_from=input) as out:
                writer.write(out)
        except EsignError:
            raise
        except (PdfError, ValueError, KeyError, TypeError) as e:
            raise SigningError("sign.failed", file=input, detail=str(e) or type(e)) from e
    log.debug("field %s added to %s on page %d", name, output, index + 1)
    return FieldInfo(
        name=name, page=index + 1, box=box.corners(), signed=False, order=len(order) + 1
    )


def check_order(writer: Any, field: str, file: Path) -> None:
    """Refuse to sign ``field`` while a field declared before it is still empty."""
    from pyhanko.sign.fields import enumerate_sig_fields

    order = _order(writer.prev.root)
    if field not in order:
        return
    filled = {n for n, value, _r in enumerate_sig_fields(writer.prev) if value is not None}
    missing = [n for n in order[: order.index(field)] if n not in filled]
    if missing:
        raise SigningError(
            "fields.out_of_order",
            hint_key="fields.out_of_order.hint",
            file=file,
            field=field,
            missing=", ".join(missing),
        )
