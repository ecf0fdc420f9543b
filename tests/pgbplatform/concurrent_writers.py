"""Many writers at once on one SQLite file with the site's own settings: run by test_sqlite_writers.py.

Usage: PGB_VAR_DIR=<empty folder> python -m tests.pgbplatform.concurrent_writers THREADS ROUNDS
Prints one line "writes=N errors=M" (and each error) after migrating a fresh database and writing from
THREADS threads at once: publishing a page revision, saving a forum question with answers (which also
writes the search index), and writing notifications.
"""

import os
import sys
import threading
import traceback


def main(threads: int, rounds: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pgbplatform.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from io import StringIO
    from pathlib import Path

    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, stdout=StringIO())
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "mini.jsonl"
    call_command("import", str(fixture), verbosity=0, stdout=StringIO())
    connection.close()

    from accounts.models import Notification, User
    from cms.models import CasePage
    from forum.services import AnswerFields, question_save

    user = User.objects.create_superuser("schrijver", "s@example.nl", "x" * 16)
    page_pk = CasePage.objects.live().first().pk
    errors: list[str] = []
    writes = [0]
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def writer(number: int) -> None:
        import datetime

        from django.db import connections

        start.wait()
        try:
            for round_ in range(rounds):
                try:
                    kind = (number + round_) % 3
                    if kind == 0:
                        page = CasePage.objects.get(pk=page_pk)
                        page.summary = f"Samenvatting {number}-{round_}"
                        page.save_revision(user=user).publish(user=user)
                    elif kind == 1:
                        question_save(
                            question=None,
                            title=f"Vraag {number}-{round_} over het budgetplan",
                            body="Hoe toetsen jullie pgb-vaardigheid?",
                            published=datetime.date(2026, 12, 1),
                            answers=[
                                AnswerFields(body="Met een gesprek.", published=datetime.date(2026, 12, 1))
                            ],
                        )
                    else:
                        Notification.objects.create(
                            user=user, kind="answer", text=f"{number}-{round_}", url="/"
                        )
                    with lock:
                        writes[0] += 1
                except Exception:  # every failure is what this script reports
                    with lock:
                        errors.append(traceback.format_exc(limit=3))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for error in errors:
        print(error, file=sys.stderr)
    print(f"writes={writes[0]} errors={len(errors)}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
