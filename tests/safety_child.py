"""A Warta process that writes in a loop until it is killed (driven by tests/test_safety_faults.py).

``python tests/safety_child.py KIND LIBRARY [DATA_DIR]`` prints ``ready`` once
the library is open, then one ``committed <value>`` line after every write
that returned (so the parent knows what must survive a kill -9).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


PHOTOS_PER_BATCH = 6
CARDS_PER_FILE = 30


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def install_pause(lib) -> None:  # noqa: ANN001
    """``SAFETY_PAUSE_AT=commit|rename`` (``SAFETY_PAUSE_NTH=n``): stop for good at the n-th
    database COMMIT (every statement of the transaction has run) or file rename (the
    temporary file is complete), print ``paused`` and wait to be killed there."""
    point = os.environ.get("SAFETY_PAUSE_AT")
    if not point:
        return
    nth = int(os.environ.get("SAFETY_PAUSE_NTH", "1"))
    seen = [0]

    def pause(name: str) -> None:
        if name == point:
            seen[0] += 1
            if seen[0] >= nth:
                say("paused", name, seen[0])
                time.sleep(3600)

    dialect = lib.store.engine.dialect
    commit = dialect.do_commit
    dialect.do_commit = lambda conn: (pause("commit"), commit(conn))[1]
    replace = os.replace
    os.replace = lambda src, dst, *a, **k: (pause("rename"), replace(src, dst, *a, **k))[1]


def ready(lib) -> None:  # noqa: ANN001
    """Setup done: from here on the pause points count."""
    install_pause(lib)
    say("ready")


def body_for(i: int) -> str:
    # Long enough to span many database pages; self-describing so a
    # half-written body would be visible.
    return f"rev {i}\n\n" + ("Paragraf ke-%d tentang pengawasan pemilu. " % i) * 400 + f"\n\nend {i}"


def main() -> None:
    kind, lib_path = sys.argv[1], Path(sys.argv[2])
    data = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    from desktop import staff
    from desktop.library import Library

    lib = Library.open(lib_path)
    lib.store.staff_id = staff.list_staff(lib)[0].id
    if kind == "staff":
        ready(lib)
        i = len(staff.list_staff(lib))
        while True:
            staff.create(lib, staff.StaffInput(name=f"Staf {i:05d}", position="x" * (i % 50)))
            say("committed", i)
            i += 1
    elif kind == "article":
        from desktop.articles import store
        from desktop.articles.document import ArticleDoc

        ids = [a.id for a in store.list_articles(lib)]
        article_id = ids[0] if ids else store.create_article(lib, ArticleDoc(title="rev 0", body=body_for(0)))
        ready(lib)
        loaded = store.load(lib, article_id)
        rev = loaded.revision
        i = rev + 1
        while True:
            result = store.save(
                lib, article_id, ArticleDoc(title=f"rev {i}", body=body_for(i), tags=[f"t{i % 7}"]), base_revision=rev
            )
            rev = result.revision
            say("committed", rev)
            i += 1
    elif kind == "contacts":
        from desktop.contacts import importer

        ready(lib)
        i = 0
        while True:  # always a new file, so there is always work to interrupt
            batch = f"p{os.getpid()}b{i}"
            cards = [
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"FN:Kontak {batch} Nomor {j:02d}\r\nN:Nomor {j:02d};Kontak {batch};;;\r\n"
                f"EMAIL:{batch}x{j}@contoh.example\r\nTEL:+62 812 {os.getpid() % 10000:04d} {i:02d}{j:02d}\r\n"
                f"ORG:Dinas {i % 5}\r\nEND:VCARD\r\n"
                for j in range(CARDS_PER_FILE)
            ]
            path = data / f"{batch}.vcf"
            path.write_text("".join(cards))
            preview = importer.preview_import(lib, [path])
            importer.commit_import(lib, preview)
            say("committed", batch)
            i += 1
    elif kind == "photos":
        import random

        from PIL import Image

        from desktop.photos import importer

        ready(lib)
        rng = random.Random(os.getpid())
        i = 0
        while True:  # always new photos, so there is always work to interrupt
            batch = f"p{os.getpid()}b{i}"
            folder = data / batch
            folder.mkdir(parents=True)
            for k in range(PHOTOS_PER_BATCH):
                img = Image.new("RGB", (96, 64), tuple(rng.randrange(256) for _ in range(3)))
                img.putpixel((k, i % 64), (255, 0, 0))
                img.save(folder / f"{batch}-{k}.jpg", quality=90)
            result = importer.import_paths(lib, [folder], workers=1)
            say("committed", batch, len(result.added) + len(result.existing))
            i += 1
    elif kind == "backup":
        from desktop.safety import backup

        ready(lib)
        while True:
            result = backup.export_backup(lib, data)
            say("committed", result.path)
    say("done")


if __name__ == "__main__":
    main()
