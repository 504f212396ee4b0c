"""What `mkdocs serve` shows beside the pages: the last good build, its faults, and the PDF.

While serving, each build is made in a folder of its own and put in the served folder's
place only once it has passed the net, so a build that fails, at any step, leaves the last
good build served. Its message is then written beside that build as data (`FAULT`), and
the one script this adds to the pages under `mkdocs serve` (`SCRIPT`, a file: the pages'
policy allows no inline script) reads it and shows it at the top of every page, in an
element screen readers announce; the next build that passes takes it away. A published
build has neither file, nor the script's tag.

letter.pdf is made after the pages, as `mkdocs build` makes it, but while the pages are
already served: from the cache where the letter has not changed, else from a copy of the
build in the background, after which its links give its pages and size and the open pages
reload.
"""

import json
import logging
import shutil
import tempfile
import threading
from pathlib import Path

from ..caches.build_cache import write_whole
from ..errors import EditionError
from ..reading.reader import read_text

log = logging.getLogger(__name__)

FOLDER = "letter-serve"  # beside the pages, only under `mkdocs serve`
FAULT = f"{FOLDER}/fault.json"
SCRIPT = f"{FOLDER}/faults.js"
# What a build of the PDF needs of the site: the pages, their stylesheets, images and fonts.
NOT_FOR_THE_PDF = shutil.ignore_patterns("search", "*.js", "*.map", "*.json", "*.xml", "*.gz", "*.pdf", "*.bib",
                                         "*.ris", FOLDER)


def script_text() -> str:
    """The script that shows a failed build's message (serve_faults.js, beside this module)."""
    path = Path(__file__).with_name("serve_faults.js")
    return read_text(path, f"letter_edition/publishing/{path.name}", "the plugin's own script (reinstall the project)")


class Preview:
    """The served folder, and the build that will take its place."""

    def __init__(self, served: Path):
        self.served = served
        self.next = served.with_name(served.name + "-next")
        self.generation = 0  # the build now served
        self.reload = lambda: None  # has the open pages load the served site again
        self._lock = threading.Lock()  # the served folder changes under it

    def build_folder(self) -> Path:
        """Where the next build is made, empty."""
        shutil.rmtree(self.next, ignore_errors=True)
        return self.next

    def put_in_place(self) -> int:
        """The build just made becomes the one served (its fault, if any, gone with the last)."""
        old = self.served.with_name(self.served.name + "-old")
        with self._lock:
            shutil.rmtree(old, ignore_errors=True)
            if self.served.exists():
                self.served.rename(old)
            self.next.rename(self.served)
            self.generation += 1
            generation = self.generation
        shutil.rmtree(old, ignore_errors=True)
        return generation

    def remove_folders(self) -> None:
        """The folders beside the served one (MkDocs removes that one when it stops)."""
        for folder in [self.next, self.served.with_name(self.served.name + "-old"),
                       *self.served.parent.glob(self.served.name + "-pdf-*")]:
            shutil.rmtree(folder, ignore_errors=True)

    def show_fault(self, message: str) -> None:
        with self._lock:
            self._write_fault(message)

    def _write_fault(self, message: str) -> None:
        write_whole(self.served / FAULT, json.dumps({"message": message}, ensure_ascii=False).encode())

    def copy_for_the_pdf(self, built: Path) -> Path:
        """A copy of what the PDF is made from, which the next build cannot change under it."""
        folder = Path(tempfile.mkdtemp(prefix=self.served.name + "-pdf-", dir=self.served.parent))
        shutil.copytree(built, folder, ignore=NOT_FOR_THE_PDF, dirs_exist_ok=True)
        return folder

    def finish_later(self, generation: int, copy: Path, make, publish) -> threading.Thread:
        """`make()` (from the copy) in the background, then, while this build is still the one
        served, `publish(served folder, made)`, and the open pages reload."""
        def run():
            fault = None
            try:
                made = make()
            except EditionError as error:
                fault = str(error)
            except Exception as error:  # nobody foresaw it: one line, as the build says it
                fault = f"letter.pdf could not be made: {type(error).__name__}: {error}"
            finally:
                shutil.rmtree(copy, ignore_errors=True)
            with self._lock:
                if generation != self.generation:
                    return  # a newer build is served, and makes its own
                if fault is None:
                    publish(self.served, made)
                else:
                    log.error("%s", fault)
                    self._write_fault(fault)
            self.reload()

        thread = threading.Thread(target=run, name="letter-pdf", daemon=True)
        thread.start()
        return thread
