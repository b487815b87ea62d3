"""The defect codes a device history record shows: on failed tests and on parts taken out in
rework (`defect_recorded` events, projected to `defect_records`), with the catalogue's words."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.store.tables import DefectRecordRow, DefectRow, GenealogyLinkRow, LotRow, UnitRow


def _words(s: Session, codes: Collection[str]) -> dict[str, str]:
    return {
        code: f"{code} ({description})"
        for code, description in s.execute(
            select(DefectRow.code, DefectRow.description).where(DefectRow.code.in_(sorted(codes)))
        )
    }


def test_defects(s: Session, test_records: Collection[int]) -> dict[int, str]:
    """The defect given to each failed test record, by the test record's id."""
    rows = s.execute(
        select(DefectRecordRow.test_record_id, DefectRecordRow.defect_code).where(
            DefectRecordRow.test_record_id.in_(sorted(test_records))
        )
    ).all()
    words = _words(s, {code for _, code in rows})
    return {int(record): words.get(code, code) for record, code in rows if record is not None}


def removal_defects(s: Session, units: Collection[int]) -> dict[tuple[str, str], str]:
    """The defect given to each part taken out of one of `units` (by id), keyed by the parent
    (PART/SERIAL) and what was removed (PART/SERIAL, or `lot PART/LOT` as the record names
    lots without their quantity)."""
    rows = s.execute(
        select(DefectRecordRow.unit_id, DefectRecordRow.reference, DefectRecordRow.defect_code)
        .where(DefectRecordRow.unit_id.in_(sorted(units)), DefectRecordRow.source == "removal")
        .order_by(DefectRecordRow.id)
    ).all()
    words = _words(s, {code for _, _, code in rows})
    found: dict[tuple[str, str], str] = {}
    for unit_id, reference, code in rows:
        link = s.scalars(
            select(GenealogyLinkRow).where(GenealogyLinkRow.installed_event == reference)
        ).first()
        parent = s.get(UnitRow, unit_id)
        if link is None or parent is None:
            continue
        if link.child_unit_id is not None:
            child = s.get(UnitRow, link.child_unit_id)
            removed = f"{child.part}/{child.serial}" if child else ""
        else:
            lot = s.get(LotRow, link.child_lot_id)
            removed = f"lot {lot.part}/{lot.code}" if lot else ""
        found[(f"{parent.part}/{parent.serial}", removed)] = words.get(code, code)
    return found
