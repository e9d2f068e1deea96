"""What the benchmarks share: bench/import.py, which builds the 541,909-line store they measure on."""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType


def import_bench() -> ModuleType | None:
    """bench/import.py as a module (its file name is a Python keyword); None, said, when the shared data it
    tiles is absent."""
    spec = importlib.util.spec_from_file_location("bench_import", Path(__file__).resolve().parent / "import.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not module.SOURCE.exists():
        print(f"skipped: {module.SOURCE} is absent (the shared data folder is not beside this checkout)")
        return None
    return module


def begin(doc: str, runs: int = 5, options: Callable[[argparse.ArgumentParser], None] | None = None,
          ) -> tuple[argparse.Namespace, ModuleType] | None:
    """A store benchmark's command line (``--runs``, and what ``options`` adds) and bench/import.py; None when
    the shared data is absent."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=runs)
    if options is not None:
        options(parser)
    args = parser.parse_args()
    bench = import_bench()
    return None if bench is None else (args, bench)
