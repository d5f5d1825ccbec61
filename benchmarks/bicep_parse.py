"""Parse (and evaluate) every Bicep file of the shared corpus; print files per second.

Not a test: run ``python benchmarks/bicep_parse.py [CORPUS_DIR]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linter.parsers import bicep, bicep_syntax  # noqa: E402
from linter.parsers.common import LoadOptions  # noqa: E402


def main() -> None:
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    files = sorted(corpus.rglob("*.bicep"))
    if not files:
        print(f"no .bicep files under {corpus}")
        return
    texts = [f.read_text(encoding="utf-8-sig") for f in files]
    size = sum(len(t) for t in texts)
    rounds = 5
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            bicep_syntax.parse(text)
    parse_time = (time.perf_counter() - start) / rounds
    start = time.perf_counter()
    for path in files:
        bicep.load(path, LoadOptions(root=corpus))
    load_time = time.perf_counter() - start
    print(f"{len(files)} files, {size / 1e6:.2f} MB")
    print(
        f"parse:           {parse_time:.3f} s total, {len(files) / parse_time:,.0f} files/s, "
        f"{size / 1e6 / parse_time:.1f} MB/s"
    )
    print(
        f"load (evaluate): {load_time:.3f} s total, {len(files) / load_time:,.0f} files/s "
        "(each file as an entry, with its modules)"
    )


if __name__ == "__main__":
    main()
