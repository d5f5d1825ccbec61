"""Time aiplatform-lint (and Checkov, when given or found) on a corpus and on a ten-fold copy of it.

Not a test. Run from the repository root:

    .venv/bin/python benchmarks/run.py [CORPUS_DIR] [--checkov PATH] [--rounds N] [--markdown]

CORPUS_DIR defaults to ../shared/corpus. Every measurement runs the command
line tool as a child process and reads the child's own resource usage (wall
time, user+system CPU time, peak resident memory). Each figure is the median
of --rounds runs. Measured:

- ``--version``: start-up time;
- a full scan of the corpus with an empty cache, with the cache turned off,
  and again with the cache the first scan left (a repeat scan of unchanged files);
- the same full scan of a generated tree holding ten copies of the corpus in
  distinct folders (made in a temporary folder, removed afterwards);
- a pre-commit style run: ``scan <one file>`` from the corpus folder;
- with Checkov: ``checkov --version``, the full scans and the one-file run on
  the same files (frameworks arm, bicep, terraform), and the ratios. The one
  corpus file that crashes Checkov's ARM runner is skipped for Checkov
  (``--checkov-skip``).

The cache goes to a temporary folder, never to the user's cache. Python byte
code caching is left on for the children (as an installed tool runs), and one
warm-up run comes first so that compiling the sources is not timed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
ONE_FILE = "Azure__azure-quickstart-templates/quickstarts/microsoft.machinelearningservices/machine-learning-workspace-vnet/main.bicep"


# Checkov's ARM runner raises IndexError on this file and then hangs, which stops the whole scan; it is left out
# of Checkov's runs (one file of the corpus: aiplatform-lint still scans it).
CHECKOV_CRASHES = [r"AI-Landing-Zones/portal/template\.json$"]


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mb: float
    code: int


def run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float) -> Sample:
    """Run ``cmd`` as a child and return its wall time, CPU time and peak memory (its own, from wait4)."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child must never block on it
        started = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - started
        child.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(f"command failed with exit code {code}: {' '.join(cmd)}\n{tail}")
    # ru_maxrss is in KiB on Linux, in bytes on macOS
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Sample(wall, usage.ru_utime + usage.ru_stime, rss, code)


def median(samples: list[Sample]) -> Sample:
    return Sample(
        wall=statistics.median(s.wall for s in samples),
        cpu=statistics.median(s.cpu for s in samples),
        rss_mb=statistics.median(s.rss_mb for s in samples),
        code=samples[-1].code,
    )


def tool_command() -> list[str]:
    script = Path(sys.executable).parent / "aiplatform-lint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "linter.cli"]


def find_checkov(given: str | None) -> str | None:
    if given:
        return given
    for candidate in (shutil.which("checkov"), "/tmp/checkov-venv/bin/checkov"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def machine() -> dict[str, str]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return {
        "cores": str(cores),
        "cpu": model,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
    }


def ten_copies(corpus: Path, target: Path) -> Path:
    tree = target / "x10"
    for index in range(10):
        shutil.copytree(corpus, tree / f"copy{index}", symlinks=True)
    return tree


def count_files(tree: Path) -> tuple[int, int]:
    files = [p for p in tree.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--checkov", help="Checkov executable (default: checkov on PATH, if any)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per measurement (median reported)")
    parser.add_argument("--x10-rounds", type=int, default=1, help="runs per measurement on the ten-fold tree")
    parser.add_argument("--no-checkov-x10", action="store_true", help="skip Checkov on the ten-fold tree (slow)")
    parser.add_argument("--checkov-skip", action="append", default=None, metavar="REGEX",
                        help="--skip-path for Checkov (default: the corpus file that crashes its ARM runner)")
    parser.add_argument("--one-file", default=ONE_FILE, help="file for the pre-commit style run (relative to CORPUS)")
    parser.add_argument("--markdown", action="store_true", help="print the results as a Markdown table")
    args = parser.parse_args()

    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        raise SystemExit(f"no corpus folder at {corpus}")
    one_file = args.one_file if (corpus / args.one_file).is_file() else None
    if one_file is None:
        first = next(iter(sorted(corpus.rglob("*.bicep"))), None)
        one_file = first.relative_to(corpus).as_posix() if first else None
    checkov = find_checkov(args.checkov)
    lint = tool_command()
    skip_paths = args.checkov_skip if args.checkov_skip is not None else CHECKOV_CRASHES
    rows: list[tuple[str, Sample, Sample | None]] = []

    with tempfile.TemporaryDirectory(prefix="aiplatform-lint-bench-") as scratch:
        work = Path(scratch)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AIPLATFORM_LINT_")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        caches = iter(range(1_000_000))

        def fresh_cache() -> dict[str, str]:
            return {**env, "AIPLATFORM_LINT_CACHE_DIR": str(work / f"cache{next(caches)}")}

        def scan_cmd(path: str) -> list[str]:
            return [*lint, "scan", path, "--format", "json", "--exit-zero", "-q"]

        def checkov_cmd(*target: str) -> list[str]:
            assert checkov is not None
            skips = [arg for regex in skip_paths for arg in ("--skip-path", regex)] if target[0] == "-d" else []
            return [checkov, *target, "--framework", "arm", "bicep", "terraform",
                    "--skip-download", "--quiet", "--compact", "-o", "json", *skips]

        def measure(cmd: list[str], cwd: Path, make_env, rounds: int, timeout: float = 3600) -> Sample:
            return median([run(cmd, cwd, make_env(), timeout) for _ in range(rounds)])

        print(f"corpus: {corpus} ({count_files(corpus)[0]} files)", file=sys.stderr)
        run([*lint, "--version"], REPO, env, 60)
        run(scan_cmd(str(corpus)), REPO, fresh_cache(), 600)  # warm-up: byte code, file system cache

        version = measure([*lint, "--version"], REPO, lambda: env, max(5, args.rounds))
        ck_version = measure([checkov, "--version"], REPO, lambda: env, args.rounds) if checkov else None
        rows.append(("`--version` start-up", version, ck_version))

        cold = measure(scan_cmd(str(corpus)), REPO, fresh_cache, args.rounds)
        ck_cold = measure(checkov_cmd("-d", str(corpus)), REPO, lambda: env, args.rounds) if checkov else None
        rows.append(("full scan of the corpus (empty cache)", cold, ck_cold))
        off = measure(scan_cmd(str(corpus)), REPO, lambda: {**env, "AIPLATFORM_LINT_NO_CACHE": "1"}, args.rounds)
        rows.append(("full scan of the corpus (cache off)", off, ck_cold))

        warm_env = fresh_cache()
        run(scan_cmd(str(corpus)), REPO, warm_env, 600)
        warm = measure(scan_cmd(str(corpus)), REPO, lambda: warm_env, args.rounds)
        rows.append(("repeat scan, files unchanged (warm cache)", warm, ck_cold))

        if one_file:
            one = measure(scan_cmd(one_file), corpus, fresh_cache, max(5, args.rounds))
            ck_one = (
                measure(checkov_cmd("-f", one_file), corpus, lambda: env, args.rounds) if checkov else None
            )
            rows.append((f"one file, pre-commit style (`scan {Path(one_file).name}`)", one, ck_one))
            one_env = fresh_cache()
            run(scan_cmd(one_file), corpus, one_env, 600)
            one_warm = measure(scan_cmd(one_file), corpus, lambda: one_env, max(5, args.rounds))
            rows.append(("one file, warm cache", one_warm, ck_one))

        print("making the ten-fold tree", file=sys.stderr)
        tree = ten_copies(corpus, work)
        big = measure(scan_cmd(str(tree)), REPO, fresh_cache, args.x10_rounds)
        ck_big = None
        if checkov and not args.no_checkov_x10:
            ck_big = measure(checkov_cmd("-d", str(tree)), REPO, lambda: env, args.x10_rounds)
        rows.append(("full scan of the ten-fold tree (empty cache)", big, ck_big))

    files, size = count_files(corpus)
    info = machine()
    print(
        f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, {info['os']}; "
        f"corpus: {files} files, {size / 1e6:.1f} MB; checkov: {checkov or 'not found'}"
    )
    header = ("measurement", "aiplatform-lint wall s", "CPU s", "peak MB", "Checkov wall s", "CPU s", "peak MB",
              "time ratio", "memory ratio")
    lines = []
    for label, ours, theirs in rows:
        cells = [label, f"{ours.wall:.3f}", f"{ours.cpu:.2f}", f"{ours.rss_mb:.0f}"]
        if theirs is not None:
            cells += [f"{theirs.wall:.2f}", f"{theirs.cpu:.2f}", f"{theirs.rss_mb:.0f}",
                      f"{theirs.wall / ours.wall:.1f}x", f"{theirs.rss_mb / ours.rss_mb:.1f}x"]
        else:
            cells += ["-"] * 5
        lines.append(cells)
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for cells in lines:
            print("| " + " | ".join(cells) + " |")
    else:
        widths = [max(len(str(c)) for c in col) for col in zip(header, *lines, strict=True)]
        for cells in (header, *lines):
            print("  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)))
    print(f"ten-fold tree / corpus (empty cache): {big.wall / cold.wall:.1f}x wall time; "
          f"repeat scan speed-up: {cold.wall / warm.wall:.1f}x")


if __name__ == "__main__":
    main()
