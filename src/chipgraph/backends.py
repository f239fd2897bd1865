"""Opening a store by location: a folder (embedded Oxigraph) or an http(s) endpoint."""
from __future__ import annotations

from pathlib import Path

from .errors import StoreError
from .store import Store


def open_store(location: str | Path, *, read_only: bool = False):
    """The store at ``location``: an Oxigraph folder, or a remote SPARQL 1.1 endpoint."""
    loc = str(location)
    if loc.startswith(("http://", "https://")):
        try:
            from .remote import RemoteStore
        except ImportError as exc:  # pragma: no cover - remote support is part of the package
            raise StoreError(f"{loc}: remote stores are not available: {exc}") from exc
        return RemoteStore(loc, read_only=read_only)
    return Store(Path(loc), read_only=read_only)
