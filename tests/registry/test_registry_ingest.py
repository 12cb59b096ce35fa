"""registry.ingest: idempotent ingest, re-ingest that keeps an analyst's work, relative deadlines."""
from __future__ import annotations

import datetime as dt
import shutil

from sqlalchemy import select

from registry import correct, effective, get_task, ingest_paths, ingest_record, set_status, tasks
from registry.models import (Agency, AgencyAlias, Assignee, AuditEntry, Correction, Deadline, Document, IngestError,
                             Obligation)
from tests.registry.conftest import count
from tests.registry.letters import corpus_paths, date_deadline, day, obligation, record

TABLES = (Document, Obligation, Assignee, Deadline, Agency, AgencyAlias, Correction, AuditEntry, IngestError)
TODAY = dt.date(2024, 3, 1)


def snapshot(session) -> dict:
    return {model.__tablename__: count(session, model) for model in TABLES}


def letter_v1():
    return record("plan", [
        obligation("1", "Rà soát danh sách cán bộ", [("Sở Nội vụ", "lead")], date_deadline("2024-02-15")),
        obligation("2", "Báo cáo kết quả thực hiện", [("Sở Tài chính", "lead"), ("Sở Nội vụ", "support")]),
        obligation("3", "Lập kế hoạch kiểm tra", [("UBND huyện Ninh Sơn", "lead")], date_deadline("2024-03-31")),
    ])


def letter_v2():
    """The same letter as a better extractor reads it: obligation 1 with its corrected due date,
    2 no longer found, 3 with a longer action (so a new id), a new obligation 4."""
    v1 = letter_v1()
    items = [
        obligation("1", "Rà soát danh sách cán bộ", [("Sở Nội vụ", "lead")], date_deadline("2024-02-20"),
                   key=v1.obligations[0].id),
        obligation("3", "Lập kế hoạch kiểm tra công vụ năm 2024", [("UBND huyện Ninh Sơn", "lead")],
                   date_deadline("2024-03-31")),
        obligation("4", "Tổng hợp, báo cáo Ủy ban nhân dân tỉnh", [("Sở Nội vụ", "lead")]),
    ]
    return v1.model_copy(update={"obligations": record("plan", items).obligations})


def test_same_letter_twice_adds_nothing(session):
    first = ingest_record(session, letter_v1(), "plan.txt", received=day("2024-01-12"))
    session.commit()
    before = snapshot(session)
    assert first.outcome == "added" and len(first.added) == 3
    again = ingest_record(session, letter_v1(), "plan.txt", received=day("2024-01-12"))
    session.commit()
    assert again.outcome == "unchanged" and again.added == [] and len(again.unchanged) == 3
    assert snapshot(session) == before
    assert before["documents"] == 1 and before["obligations"] == 3 and before["assignees"] == 4


def test_same_letter_from_another_folder_is_the_same_document(session):
    ingest_record(session, letter_v1(), "inbox/plan.txt")
    session.commit()
    before = snapshot(session)
    report = ingest_record(session, letter_v1(), "archive/2024/plan.txt")
    session.commit()
    assert report.outcome == "unchanged" and snapshot(session) == before
    assert session.get(Document, letter_v1().id).source_path == "inbox/plan.txt"


def test_reingest_updates_machine_fields_and_keeps_corrections(session):
    ingest_record(session, letter_v1(), "plan.txt")
    session.commit()
    v1 = letter_v1()
    first = get_task(session, v1.obligations[0].id)
    correct(session, first.id, "due", "2024-02-28", who="lan")
    correct(session, first.id, "action", "Rà soát danh sách cán bộ, công chức", who="lan")
    set_status(session, first.id, "in_progress", who="lan")
    third_id = get_task(session, v1.obligations[2].id).id
    session.commit()

    report = ingest_record(session, letter_v2(), "plan.txt")
    session.commit()

    assert report.outcome == "updated"
    assert report.updated[v1.obligations[0].id] == ["deadline.raw", "deadline.due"]
    assert set(report.updated[letter_v2().obligations[1].id]) == {"action", "obligation_key"}
    assert report.added == [letter_v2().obligations[2].id]
    assert report.removed == [v1.obligations[1].id]
    assert report.corrections_kept == [(first.id, "due")]
    session.expire_all()
    first = get_task(session, first.id)
    assert first.deadline.due == day("2024-02-20")                 # machine value updated
    view = effective(first)
    assert view.due == day("2024-02-28") and view.action == "Rà soát danh sách cán bộ, công chức"
    assert first.status == "in_progress" and len(first.corrections) == 2
    assert get_task(session, third_id).action == "Lập kế hoạch kiểm tra công vụ năm 2024"   # same task, new id


def test_removed_obligation_keeps_its_work_and_can_come_back(session):
    ingest_record(session, letter_v1(), "plan.txt")
    session.commit()
    second = get_task(session, letter_v1().obligations[1].id)
    set_status(session, second.id, "cancelled", who="lan")
    session.commit()
    ingest_record(session, letter_v2(), "plan.txt")
    session.commit()
    assert second.id not in {row.task_id for row in tasks(session, today=TODAY)}
    assert second.id in {row.task_id for row in tasks(session, today=TODAY, include_removed=True)}
    back = ingest_record(session, letter_v1(), "plan.txt")
    session.commit()
    assert back.updated[second.obligation_key] == ["restored"]
    session.expire_all()
    assert get_task(session, second.id).removed_at is None and get_task(session, second.id).status == "cancelled"


def test_reingest_changes_are_audited_by_the_extractor(session):
    ingest_record(session, letter_v1(), "plan.txt")
    session.commit()
    ingest_record(session, letter_v2(), "plan.txt")
    session.commit()
    task = get_task(session, letter_v1().obligations[0].id)
    rows = session.scalars(select(AuditEntry).where(AuditEntry.row_id == str(task.id),
                                                    AuditEntry.field == "deadline.due")).all()
    assert [(r.old, r.new) for r in rows] == [('"2024-02-15"', '"2024-02-20"')]
    assert rows[0].who.startswith("ingest (extractor ")


def relative_letter(anchor: str = "receipt"):
    term = {"kind": "relative", "raw": "trong thời hạn 05 ngày làm việc kể từ ngày nhận được", "qualifier": "within",
            "relative": {"amount": 5, "unit": "working_day", "anchor": anchor}}
    return record(f"relative-{anchor}", [obligation("1", "Báo cáo số liệu", deadline=term)], issued="2024-01-30")


def test_relative_deadline_counts_working_days_from_receipt_across_tet(session):
    # Received Tuesday 6 Feb 2024; Tết holidays run 8-14 Feb: Wed 7, Thu 15, Fri 16, Mon 19, Tue 20.
    ingest_record(session, relative_letter(), "r.txt", received=day("2024-02-06"))
    session.commit()
    (row,) = tasks(session, today=day("2024-02-07"))
    assert row.due == day("2024-02-20") and row.deadline_kind == "relative"
    assert get_task(session, row.task_id).deadline.due_resolved


def test_relative_deadline_waits_for_the_received_date(session):
    ingest_record(session, relative_letter(), "r.txt")
    session.commit()
    (row,) = tasks(session, today=TODAY)
    assert row.due is None
    report = ingest_record(session, relative_letter(), "r.txt", received=day("2025-01-24"))
    session.commit()
    assert list(report.updated.values()) == [["deadline.due", "deadline.due_resolved"]]
    # Fri 24 Jan 2025; Tết 2025 holidays 27 Jan - 1 Feb: Mon 3, Tue 4, Wed 5, Thu 6, Fri 7 Feb.
    assert tasks(session, today=TODAY)[0].due == day("2025-02-07")


def test_relative_deadline_from_the_issue_date(session):
    ingest_record(session, relative_letter("issue"), "r.txt")
    session.commit()
    # Issued Tue 30 Jan 2024: Wed 31, Thu 1, Fri 2, Mon 5, Tue 6 Feb.
    assert tasks(session, today=TODAY)[0].due == day("2024-02-06")


def test_ingest_paths_records_errors_and_clears_them_once_fixed(tmp_path, db_url, make_session):
    good, inbox = corpus_paths()[0], tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(good, inbox / "good.txt")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    first = ingest_paths([inbox], db_url, progress=False)
    assert (first.added, first.failed, first.files) == (1, 2, 3)
    assert sorted(reason for _, reason in first.errors) == ["corrupt or unreadable PNG image (cut short or damaged); "
                                                            "scan it or save it again", "empty file"]
    second = ingest_paths([inbox], db_url, progress=False)
    assert (second.skipped, second.failed) == (1, 2)
    shutil.copy(good, inbox / "empty.txt")            # the same letter saved again under the bad name
    third = ingest_paths([inbox], db_url, progress=False)
    assert (third.skipped, third.failed) == (2, 1)
    with make_session() as session:
        rows = {row.path.rsplit("/", 1)[-1]: row for row in session.scalars(select(IngestError))}
        assert rows["image.txt"].attempts == 3 and rows["image.txt"].resolved_at is None
        assert rows["empty.txt"].attempts == 2 and rows["empty.txt"].resolved_at is not None
        assert count(session, Document) == 1


def test_two_workers_give_the_same_registry_as_one(tmp_path, db_url, make_session):
    paths = corpus_paths()[:6]
    report = ingest_paths(paths, db_url, workers=2, progress=False)
    assert (report.added, report.failed) == (6, 0)
    with make_session() as session:
        expected = sum(len({o.id for o in r.obligations}) for r in map(_extract, paths))
        assert count(session, Document) == 6 and count(session, Obligation) == expected


def _extract(path):
    from pipeline.run import extract_path
    return extract_path(path)


def test_a_letter_the_registry_cannot_take_does_not_stop_the_batch(monkeypatch, db_url, make_session):
    import registry.batch as batch

    paths = corpus_paths()[:3]
    real = batch.ingest_record

    def failing(session, record, path, *args, **kwargs):
        if path == str(paths[1]):
            raise ValueError("number symbol too odd")
        return real(session, record, path, *args, **kwargs)

    monkeypatch.setattr(batch, "ingest_record", failing)
    report = ingest_paths(paths, db_url, progress=False)
    assert (report.added, report.failed) == (2, 1)
    assert report.errors == [(str(paths[1]), "registry error: ValueError: number symbol too odd")]
    with make_session() as session:
        assert count(session, Document) == 2 and count(session, IngestError) == 1
