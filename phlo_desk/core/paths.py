"""Where the desk keeps its files, without loading what reads or writes them."""

from __future__ import annotations

from pathlib import Path

APP_FOLDER = "phlo-desk"


def default_history_path(sandbox: bool) -> Path:
    """Where the history lives. Sandbox mode has its own file: practice stays out of the audit."""
    import platformdirs

    folder = Path(platformdirs.user_data_dir(APP_FOLDER, appauthor=False))
    return folder / ("history-sandbox.sqlite3" if sandbox else "history.sqlite3")


def default_directory_paths(sandbox: bool) -> tuple[Path, Path]:
    """The agent's own directory entries (beside the history: they are the agent's data)
    and the folder of cached copies of IT's list and the Plivo endpoints (safe to lose)."""
    import platformdirs

    data = Path(platformdirs.user_data_dir(APP_FOLDER, appauthor=False))
    cache = Path(platformdirs.user_cache_dir(APP_FOLDER, appauthor=False))
    suffix = "-sandbox" if sandbox else ""
    return data / f"directory{suffix}.json", cache / f"directory{suffix}"
