"""Files written from the contracts: compare them with what is on disk, or write them."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import yaml

from .contracts import REPO_ROOT


def dump_yaml(document: dict, width: int) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=width)


def stale_files(files: dict[Path, str]) -> list[Path]:
    return [path for path, text in files.items() if not path.exists() or path.read_text(encoding="utf-8") != text]


def main(render: Callable[[], dict[Path, str]], description: str) -> int:
    """Lists the files that differ from their rendering and fails; with `--write`, writes them instead."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--write", action="store_true", help="write the stale files instead of failing")
    write = parser.parse_args().write
    files = render()
    stale = stale_files(files)
    for path in stale:
        if write:
            path.write_text(files[path], encoding="utf-8")
        print(f"{'wrote' if write else 'stale'}: {path.relative_to(REPO_ROOT)}")
    return 0 if write or not stale else 1
