"""Where ShopDesk keeps its own files: the user data folder, log and demo store."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """The user data folder (``SHOPDESK_DATA_DIR`` overrides it), created on demand."""
    override = os.environ.get("SHOPDESK_DATA_DIR")
    folder = Path(override) if override else Path(platformdirs.user_data_dir("ShopDesk", "ShopDesk"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_file() -> Path:
    """The log file, where unexpected errors are written with their traceback."""
    return data_dir() / "shopdesk.log"


def demo_store() -> Path:
    """The demo store's file in the data folder."""
    return data_dir() / "demo" / "demo.sqlite"


def default_store(name: str) -> Path:
    """A suggested file for a new store called ``name``."""
    safe = "".join(ch for ch in name if ch.isalnum() or ch in "-_ ").strip() or "store"
    return data_dir() / "stores" / f"{safe}.sqlite"
