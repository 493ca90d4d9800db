"""PySide6's import hook, made cheaper: here, importing nothing of the desk's, so that
it can run before the window's modules are imported."""

from __future__ import annotations


def keep_no_module_sources(modules) -> None:  # type: ignore[no-untyped-def]
    """Stop PySide6 from keeping the source of every module imported after it.

    To set its per-module `__feature__` switches, PySide6 asks of each module imported
    once it is loaded whether its source mentions "PySide6", with inspect.getsource(),
    which leaves the whole file in linecache: some 300 files, ~11 MB and ~40 ms of the GUI
    thread at start-up wherever the .py files are installed (not in the frozen bundle,
    which has none). The same question is answered here from the file's bytes, which
    are not kept, and the sources kept so far are dropped (linecache reads a file again
    when a traceback needs it). Without that PySide6 internal, nothing changes.
    """
    feature = modules.get("shibokensupport.feature")
    asks = getattr(feature, "_mod_uses_pyside", None)
    if asks is None or getattr(asks, "keeps_no_source", False):
        return
    import linecache

    for path, entry in list(linecache.cache.items()):
        if len(entry) == 4 and entry[1] is not None:  # read from a file (not registered in memory)
            linecache.cache.pop(path, None)

    def mentions_pyside(module) -> bool:  # type: ignore[no-untyped-def]
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return asks(module)  # built-in, compiled or without a file: as PySide6 decides
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return asks(module)

    mentions_pyside.keeps_no_source = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mentions_pyside  # type: ignore[union-attr]
