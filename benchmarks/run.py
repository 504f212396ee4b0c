"""Benchmark the site: build time, serve rebuild latency, the PDF, page weight, Lighthouse scores.

    .venv/bin/python benchmarks/run.py [--repeat 5] [--output benchmarks/results.json]

Prints a table and writes the figures as JSON. It reports and never fails on a figure;
the budget it is read against, and the latest runs, are in benchmarks/README.md. Everything
runs on this machine: the site is served on 127.0.0.1, with gzip, as a static host serves it.
"""

import argparse
import functools
import gzip
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Chromium: CHROME_PATH where it is set, else the first of these on the PATH (Debian names it
# chromium; GitHub's Ubuntu runners carry google-chrome).
BROWSERS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
NO_BROWSER = ("Chromium not found: set CHROME_PATH, or put one of " + ", ".join(BROWSERS) + " on the PATH "
              "(Debian: apt-get install chromium)")


def find_chromium() -> Path | None:
    if os.environ.get("CHROME_PATH"):
        path = Path(os.environ["CHROME_PATH"])
        return path if path.is_file() else None
    return next((Path(found) for name in BROWSERS if (found := shutil.which(name))), None)


CHROMIUM = find_chromium()
TOOLS = ROOT / "benchmarks" / "node_modules"
LIGHTHOUSE = TOOLS / "lighthouse" / "cli" / "index.js"
# Lighthouse 13 needs Node.js 22: the one installed beside it from the npm registry, else the machine's.
NODE = next((str(path) for path in TOOLS.glob("node-linux-*/bin/node")), "node")
# A copy of the project for `mkdocs serve` to edit: all of it but tools, caches and output.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "__pycache__", "results.json")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
# The stock site to compare with: the same pages with only the theme, footnotes and search.
BARE_CONFIG = """\
site_name: bare
docs_dir: {docs}
theme:
  name: material
markdown_extensions:
  - footnotes
plugins:
  - search
"""
# As on an editor's machine: Python keeps the plugin's compiled code (some sandboxes turn
# that off with PYTHONDONTWRITEBYTECODE, which makes every build compile them again).
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
ENV["NO_MKDOCS_2_WARNING"] = "1"


# --- Build --------------------------------------------------------------------------------


def build_seconds(config: Path, site: Path, strict: bool) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    start = time.perf_counter()
    subprocess.run(command, cwd=config.parent, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def project_copy(destination: Path, edit_config=lambda text: text) -> Path:
    """A copy of the project (its caches included), with its mkdocs.yml edited."""
    shutil.copytree(ROOT, destination, ignore=NOT_COPIED)
    config = destination / "mkdocs.yml"
    config.write_text(edit_config(config.read_text(encoding="utf-8")), encoding="utf-8")
    return destination


def without_template_cache(work: Path) -> Path:
    """A copy of the project whose build compiles the theme's templates, as the bare build does."""
    project = project_copy(work / "no-template-cache", lambda text: text.replace(
        "  - letter:\n", "  - letter:\n      keep_compiled_templates: false\n"))
    return project / "mkdocs.yml"


def measure_builds(repeat: int, work: Path) -> dict:
    bare = work / "bare" / "mkdocs.yml"
    bare.parent.mkdir()
    bare.write_text(BARE_CONFIG.format(docs=ROOT / "docs"), encoding="utf-8")
    compiling = without_template_cache(work)
    empty = project_copy(work / "empty-cache") / "mkdocs.yml"
    builds = {"full": (ROOT / "mkdocs.yml", True), "compiling": (compiling, True), "bare": (bare, False),
              "empty_cache": (empty, True)}
    for name, (config, strict) in builds.items():  # once unmeasured: Python's compiled code, the caches
        build_seconds(config, work / f"site-{name}", strict)
    seconds: dict[str, list[float]] = {name: [] for name in builds}
    for _ in range(repeat):  # in rounds, so that the builds of a round see the same machine
        shutil.rmtree(empty.parent / ".cache", ignore_errors=True)
        for name, (config, strict) in builds.items():
            seconds[name].append(build_seconds(config, work / f"site-{name}", strict))
    full, stock = seconds["full"], seconds["bare"]
    # The median of the rounds' ratios: a shared machine's speed drifts from minute to
    # minute, and a round sees one speed.
    return {
        # The build as an editor runs it, every build after the first: with what the site keeps
        # between builds in .cache/letter/ (pandoc's answer, the trimmed theme stylesheets, the
        # PDF, the compiled templates). The budget is on this one.
        "full_seconds": statistics.median(full),
        # The same with the theme's templates compiled in every build (keep_compiled_templates: false),
        # as the bare build compiles them: what that cache saves.
        "compiling_seconds": statistics.median(seconds["compiling"]),
        # The first build after a clone: .cache/letter/ empty, so pandoc runs and the PDF is made.
        "empty_cache_seconds": statistics.median(seconds["empty_cache"]),
        "bare_material_seconds": statistics.median(stock),
        "ratio": statistics.median(f / b for f, b in zip(full, stock)),
        "compiling_ratio": statistics.median(c / b for c, b in zip(seconds["compiling"], stock)),
        "runs": repeat,
    }


# --- A library as references.bib ---------------------------------------------------------

LIBRARY_SIZES = [4, 500, 5000]


def library_bib(uncited: int) -> str:
    """Uncited entries as a Zotero or JabRef export would hold them, to add to references.bib."""
    return "".join(
        f"""
@article{{library{number:05d},
  author       = {{Shala, Arben and Morina, Vjosa}},
  title        = {{{{A Study of the Western Balkans, Part {number}: Borders, Plates and Stickers}}}},
  journaltitle = {{Journal of Balkan Studies}},
  volume       = {{{number % 40}}},
  date         = {{20{10 + number % 12}-0{1 + number % 9}-1{number % 9}}},
  url          = {{https://example.org/articles/{number}_b?ref=lib&x=%20}},
}}
""" for number in range(uncited))


def library_project(work: Path, entries: int) -> Path:
    """A copy of the project whose references.bib holds `entries` entries, in library mode."""
    project = project_copy(work / f"library-{entries}", lambda text: text.replace("uncited: warn", "uncited: allow"))
    bib = project / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + library_bib(entries - 4), encoding="utf-8")
    return project


def measure_library(repeat: int, work: Path) -> dict:
    """Build time as references.bib grows from the four cited works to a library."""
    projects = {entries: library_project(work, entries) for entries in LIBRARY_SIZES}
    runs: dict[int, list[float]] = {entries: [] for entries in LIBRARY_SIZES}
    for _ in range(repeat):  # the sizes in turn, so that each round sees one machine speed
        for entries, project in projects.items():
            runs[entries].append(build_seconds(project / "mkdocs.yml", work / f"site-library-{entries}", strict=True))
    seconds = {str(entries): statistics.median(times) for entries, times in runs.items()}
    largest, smallest = runs[LIBRARY_SIZES[-1]], runs[LIBRARY_SIZES[0]]
    (work / "serve-library").mkdir()
    rebuild = measure_rebuilds(repeat, work, library_project(work / "serve-library", LIBRARY_SIZES[-1]))
    return {"build_seconds": seconds, "ratio": statistics.median(a / b for a, b in zip(largest, smallest)),
            "serve_rebuild_seconds": rebuild["median_build_seconds"],
            "serve_saved_to_shown_seconds": rebuild["median_seconds"], "runs": repeat,
            "uncited": measure_uncited(repeat, work)}


UNCITED = 15000


def measure_uncited(repeat: int, work: Path) -> dict:
    """A library of 15,000 uncited entries in the default mode (uncited: warn, which names the
    first ten and counts the rest) beside library mode. Neither build is strict: the default
    mode's warnings would stop it."""
    projects = {}
    for mode in ("warn", "allow"):
        project = project_copy(work / f"uncited-{mode}", lambda text, mode=mode: text.replace("uncited: warn", f"uncited: {mode}"))
        bib = project / "references.bib"
        bib.write_text(bib.read_text(encoding="utf-8") + library_bib(UNCITED), encoding="utf-8")
        projects[mode] = project
    runs: dict[str, list[float]] = {mode: [] for mode in projects}
    for _ in range(repeat):
        for mode, project in projects.items():
            runs[mode].append(build_seconds(project / "mkdocs.yml", work / f"site-uncited-{mode}", strict=False))
    return {"entries": UNCITED, "warn_seconds": statistics.median(runs["warn"]),
            "allow_seconds": statistics.median(runs["allow"]),
            "ratio": statistics.median(w / a for w, a in zip(runs["warn"], runs["allow"]))}


# --- The test edition at scale (tests/edition/) -----------------------------------------

SCALE_PAGE = "test edition /"


def scale_project(work: Path) -> Path:
    """The test edition (three pages, forty notes, twenty works), assembled as the tests do."""
    sys.path.insert(0, str(ROOT / "tests"))
    from editions import scale_edition

    project = work / "scale"
    project.mkdir()
    scale_edition(project)
    return project


def measure_scale(repeat: int, work: Path, project: Path) -> dict:
    """The test edition's build, every build after the first, as the letter's is measured."""
    from pypdf import PdfReader

    config = project / "mkdocs.yml"
    build_seconds(config, work / "site-scale", strict=True)  # once unmeasured: the caches
    seconds = [build_seconds(config, work / "site-scale", strict=True) for _ in range(repeat)]
    return {"build_seconds": statistics.median(seconds), "runs": repeat,
            "pdf_pages": len(PdfReader(work / "site-scale" / "letter.pdf").pages)}


# --- mkdocs serve -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, timeout: float, poll: float = 0.01) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(poll)
    return False


def served_pdf_text(url: str) -> str:
    """The served letter.pdf's text, its runs of white space one space ("" where none is served)."""
    import io

    from pypdf import PdfReader

    try:
        with urllib.request.urlopen(url + "letter.pdf", timeout=5) as response:
            data = response.read()
        return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    except Exception:  # none yet, or being replaced: read again
        return ""


def measure_rebuilds(repeat: int, work: Path, project: Path | None = None) -> dict:
    """From saving a title in references.bib to the served letter showing it, and to the served
    PDF showing it (made after the pages), and the rebuild's own time as `mkdocs serve` reports
    it. The first two include MkDocs' watcher, which looks for changes every 0.5 s
    (PollingObserver) and waits 0.1 s more."""
    if project is None:
        project = project_copy(work / "serve")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    built: list[float] = []  # "Documentation built in 0.41 seconds", in order

    def read_console():
        for line in server.stderr:
            if "Documentation built in" in line:
                built.append(float(line.split("built in")[1].split()[0]))

    threading.Thread(target=read_console, daemon=True).start()
    bib = project / "references.bib"
    original = bib.read_text(encoding="utf-8")
    latencies, rebuilds, pdf_latencies = [], [], []
    try:
        if not wait_for(lambda: fetch(url) and built, 60, poll=0.2):
            raise RuntimeError("mkdocs serve did not start")
        for run in range(repeat):
            marker = f"Attacked In Volatile North Run {run}"
            before = len(built)
            bib.write_text(original.replace("Attacked In Volatile North", marker), encoding="utf-8")
            saved = time.perf_counter()
            if not wait_for(lambda: marker in fetch(url), 30):
                raise RuntimeError("the edit was not served within 30 s")
            latencies.append(time.perf_counter() - saved)
            if not wait_for(lambda: marker in served_pdf_text(url), 30, poll=0.05):
                raise RuntimeError("the edit did not reach the served PDF within 30 s")
            pdf_latencies.append(time.perf_counter() - saved)
            wait_for(lambda: len(built) > before, 5)
            rebuilds.append(built[-1])
            time.sleep(0.5)  # let the watcher settle before the next edit
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"median_seconds": statistics.median(latencies), "runs": latencies,
            "median_pdf_seconds": statistics.median(pdf_latencies), "pdf_runs": pdf_latencies,
            "median_build_seconds": statistics.median(rebuilds), "builds": rebuilds}


# --- Serving with gzip, as a static host does ---------------------------------------------

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed where a host would compress them, cached for 10 minutes."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = path.read_bytes()
        kind = self.guess_type(str(path))
        compress = "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSIBLE)
        if compress:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def served_size(path: Path) -> int:
    """A file's bytes as GzipHandler sends them to a browser that takes gzip (headers apart)."""
    body = path.read_bytes()
    kind = GzipHandler.guess_type(GzipHandler, str(path))  # the handler's table, a class attribute
    return len(gzip.compress(body, compresslevel=6)) if kind.startswith(COMPRESSIBLE) else len(body)


# The budget for the letter page on the wire (benchmarks/README.md), and what GzipHandler's
# status line and headers add to each response, about (Lighthouse counts them too).
WEIGHT_BUDGET = 70 * 1024
HEADER_BYTES = 256


def static_weight(site: Path, page: str) -> dict:
    """A page's weight on the wire, read from the built files without a browser: the page and
    each file it loads as it opens (stylesheets, icons, scripts, images, and the search index
    the theme's search fetches), each once, as GzipHandler serves them, with their headers.
    The same on every run, so the tests can hold it to the budget."""
    from html.parser import HTMLParser

    loaded: list[str] = []

    class Loads(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            rel = (attrs.get("rel") or "").split()
            address = (attrs.get("href") if tag == "link" and {"stylesheet", "icon"} & set(rel)
                       else attrs.get("src") if tag in ("script", "img") else None)
            if address and "://" not in address and not address.startswith("data:"):
                loaded.append(address.split("#")[0].split("?")[0])
            if tag == "form" and attrs.get("name") == "search":
                loaded.append(os.path.relpath("search/search_index.json", os.path.dirname(page) or "."))

    html = site / page
    Loads().feed(html.read_text(encoding="utf-8"))
    files = {html.resolve()} | {(site / address.lstrip("/") if address.startswith("/") else html.parent / address).resolve()
                                for address in loaded}
    found = [path for path in files if path.is_file()]
    return {"bytes": sum(map(served_size, found)) + HEADER_BYTES * len(found), "requests": len(found)}


def serve_gzip(site: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def site_pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)).removesuffix("index.html") for p in site.rglob("*.html"))


# --- The PDF ------------------------------------------------------------------------------

# What a build spends on the PDF when its cache misses: a fresh Python imports WeasyPrint and
# sets the built letter page in type (letter_edition/publishing/letter_pdf.py), as the build's last step does.
PDF_RUN = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from letter_edition.publishing.letter_pdf import render
pdf, pages = render(Path(sys.argv[1]), "letter", {})
print(json.dumps({"seconds": time.perf_counter() - start, "pages": pages}))
"""


def measure_pdf(repeat: int, site: Path) -> dict:
    runs = [json.loads(subprocess.run([sys.executable, "-c", PDF_RUN, str(site / "index.html")], cwd=ROOT, env=ENV,
                                      check=True, capture_output=True, text=True).stdout)
            for _ in range(repeat)]
    return {"cold_seconds": statistics.median(run["seconds"] for run in runs), "pages": runs[0]["pages"],
            "bytes": (site / "letter.pdf").stat().st_size, "runs": repeat}


# --- Page weight --------------------------------------------------------------------------

KINDS = {"document": "html", "stylesheet": "css", "script": "js", "font": "fonts", "image": "images"}


def measure_weight(targets: dict[str, str]) -> dict:
    """Each page (name -> address) as served with gzip: bytes on the wire by kind, requests."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_FLAGS[1:])
        for name, address in targets.items():
            context = browser.new_context(viewport={"width": 412, "height": 823})
            page = context.new_page()
            done = []
            page.on("requestfinished", lambda request: done.append(request))
            page.goto(address, wait_until="networkidle")
            by_kind: dict[str, int] = {}
            worker = 0
            for request in done:
                sizes = request.sizes()
                body = sizes["responseBodySize"]
                if body == 0 and request.resource_type == "script":
                    # A Worker's script: Chromium, and so Lighthouse, gives the page no body for
                    # it. Counted apart, from what the server sent.
                    worker += int((request.response().headers.get("content-length")) or 0)
                kind = KINDS.get(request.resource_type, "other")
                by_kind[kind] = by_kind.get(kind, 0) + body + sizes["responseHeadersSize"]
            results[name] = {"bytes": sum(by_kind.values()), "requests": len(done), "by_kind": by_kind,
                             "worker_script_bytes": worker}
            context.close()
        browser.close()
    return results


# --- Lighthouse ---------------------------------------------------------------------------

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def measure_lighthouse(targets: dict[str, str], work: Path, rounds: int) -> tuple[dict, list, str]:
    """Each page's (name -> address) lowest score in each category over `rounds` rounds in a row
    (the budget asks for 100 on every page in three runs in a row), and every round's scores."""
    every, version = [], ""
    for _ in range(rounds):
        results = {}
        for name, address in targets.items():
            report = work / f"lighthouse-{len(every)}-{len(results)}.json"
            subprocess.run(
                [NODE, str(LIGHTHOUSE), address, "--quiet", "--output=json", f"--output-path={report}",
                 f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}"],
                env={**ENV, "CHROME_PATH": str(CHROMIUM)}, check=True, capture_output=True, timeout=180,
            )
            data = json.loads(report.read_text(encoding="utf-8"))
            results[name] = {category: round(data["categories"][category]["score"] * 100) for category in CATEGORIES}
            version = data["lighthouseVersion"]
        every.append(results)
    return lowest_scores(every), every, version


def lowest_scores(rounds: list[dict]) -> dict:
    """Each page's lowest score in each category over the rounds."""
    return {page: {name: min(round_[page][name] for round_ in rounds) for name in CATEGORIES} for page in rounds[0]}


# --- Report -------------------------------------------------------------------------------


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def table(results: dict) -> str:
    build, serve = results["build"], results["serve_rebuild"]
    lines = [
        f"Machine: {results['machine']}",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| `mkdocs build --strict`, median of {build['runs']} | {build['full_seconds']:.2f} s |",
        f"| bare Material build of the same docs | {build['bare_material_seconds']:.2f} s |",
        f"| ratio, median of the rounds' ratios (budget 1.4) | {build['ratio']:.2f} |",
        f"| the build with the theme's templates compiled in every build (keep_compiled_templates: false) | "
        f"{build['compiling_seconds']:.2f} s, ratio {build['compiling_ratio']:.2f} |",
        f"| the first build after a clone: .cache/letter/ empty (pandoc runs, the PDF is made) | "
        f"{build['empty_cache_seconds']:.2f} s |",
        f"| `mkdocs serve` rebuild after a .bib edit, median of {len(serve['runs'])} (budget 1 s) | "
        f"{serve['median_build_seconds']:.2f} s |",
        f"| the same, from saving the file to the served page showing it (MkDocs' watcher included) | "
        f"{serve['median_seconds']:.2f} s |",
        f"| the same, from saving the file to the served PDF showing it (made after the pages) | "
        f"{serve['median_pdf_seconds']:.2f} s |",
        *[f"| build with {entries} entries in references.bib (4 cited, library mode) | {seconds:.2f} s |"
          for entries, seconds in results["library"]["build_seconds"].items()],
        f"| ratio, {LIBRARY_SIZES[-1]} entries to 4 (budget 1.3) | {results['library']['ratio']:.2f} |",
        f"| `mkdocs serve` rebuild after a .bib edit, {LIBRARY_SIZES[-1]} entries (budget 1 s) | "
        f"{results['library']['serve_rebuild_seconds']:.2f} s |",
        f"| the same, from saving the file to the served page showing it | "
        f"{results['library']['serve_saved_to_shown_seconds']:.2f} s |",
        f"| build with {results['library']['uncited']['entries']:,} uncited entries, default mode (the first "
        f"ten named, the rest counted) | {results['library']['uncited']['warn_seconds']:.2f} s |",
        f"| the same in library mode | {results['library']['uncited']['allow_seconds']:.2f} s |",
        f"| ratio, default mode to library mode (budget 1.5) | {results['library']['uncited']['ratio']:.2f} |",
        f"| letter.pdf made afresh (a cold build's share: WeasyPrint's import and the setting), "
        f"median of {results['pdf']['runs']} | {results['pdf']['cold_seconds']:.2f} s |",
        f"| letter.pdf | {results['pdf']['pages']} pages, {results['pdf']['bytes'] / 1024:.1f} KiB |",
        f"| the test edition (3 pages, 40 notes, 20 works): `mkdocs build --strict`, median of "
        f"{results['scale']['runs']} | {results['scale']['build_seconds']:.2f} s |",
        f"| the test edition's letter.pdf (28 notes) | {results['scale']['pdf_pages']} pages |",
        "",
        f"| page | on the wire, gzip (budget 70 KiB for /) | requests | Lighthouse {results.get('lighthouse_version', '')}, "
        f"lowest of {len(results.get('lighthouse_rounds', []))} rounds in a row (each round's where they differ): "
        "performance | accessibility | best practices | SEO |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page, weight in results["weight"].items():
        scores = results["lighthouse"].get(page) if isinstance(results["lighthouse"], dict) else None
        cells = [_lighthouse_cell(results, page, c) for c in CATEGORIES] if scores else ["–"] * 4
        lines.append(f"| {page} | {weight['bytes'] / 1024:.1f} KiB | {weight['requests']} | " + " | ".join(cells) + " |")
    worker = max(w["worker_script_bytes"] for w in results["weight"].values())
    lines += ["", f"Bytes as Lighthouse counts them. Each page also starts the search worker, whose "
              f"script ({worker / 1024:.1f} KiB) Chromium does not count for the page."]
    if not isinstance(results["lighthouse"], dict):
        lines += ["", f"Lighthouse: {results['lighthouse']}"]
    return "\n".join(lines)


def _lighthouse_cell(results: dict, page: str, category: str) -> str:
    each = [round_[page][category] for round_ in results["lighthouse_rounds"]]
    lowest = str(results["lighthouse"][page][category])
    return lowest if len(set(each)) == 1 else f"{lowest} ({', '.join(map(str, each))})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each timing (default 5)")
    parser.add_argument("--lighthouse-rounds", type=int, default=3,
                        help="Lighthouse runs of every page, one round after another (default 3)")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--pages", nargs="+", metavar="PAGE",
                        help="weigh and run Lighthouse on these pages only (as the table names them: / about/ "
                             "'test edition /')")
    args = parser.parse_args()
    if CHROMIUM is None:
        print(NO_BROWSER, file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        results = {"machine": machine(), "build": measure_builds(args.repeat, work)}
        results["serve_rebuild"] = measure_rebuilds(args.repeat, work)
        results["library"] = measure_library(args.repeat, work)
        site = work / "site-full"
        results["pdf"] = measure_pdf(args.repeat, site)
        scale = scale_project(work)
        results["scale"] = measure_scale(args.repeat, work, scale)
        server, scale_server = serve_gzip(site), serve_gzip(work / "site-scale")
        base = f"http://127.0.0.1:{server.server_port}/"
        try:
            targets = {page or "/": base + page for page in site_pages(site)}
            # The test edition's longest page (28 notes), measured beside the letter's in each round.
            targets[SCALE_PAGE] = f"http://127.0.0.1:{scale_server.server_port}/"
            targets = {name: address for name, address in targets.items() if not args.pages or name in args.pages}
            results["weight"] = measure_weight(targets)
            if LIGHTHOUSE.exists():
                results["lighthouse"], results["lighthouse_rounds"], results["lighthouse_version"] = \
                    measure_lighthouse(targets, work, args.lighthouse_rounds)
            else:
                results["lighthouse"] = "not measured: run `npm install --prefix benchmarks` first"
        finally:
            server.shutdown()
            scale_server.shutdown()

    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nFigures written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
