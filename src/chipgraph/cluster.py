"""Reading and extraction on a Dask cluster (``pip install 'chipgraph[dask]'``).

Workers read and extract the sources and send the extractions back; this process writes
them to the store as usual, so a cluster run gives the same store as a local one.  See
``docs/scale.md`` ("Beyond one machine").
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from .errors import ChipgraphError


def dask_results(files: list[Path], max_bytes: int, address: str, *, base: str | None = None,
                 workers: int | None = None) -> Iterator[tuple[list, list[str]]]:
    """``read_and_extract`` of each file on the cluster at ``address`` (or ``"local"``), in order.

    ``base`` is the folder document keys are relative to: the caller's current folder
    (a worker's own current folder may be anywhere), see :func:`chipgraph.documents.path_key`."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ChipgraphError("--dask needs Dask: pip install 'chipgraph[dask]'") from exc
    from .pipeline import default_jobs, read_and_extract

    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1,
                                   processes=True, dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout="30s")
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise ChipgraphError(f"{address}: cannot reach the Dask scheduler: {exc}") from exc
    try:
        # Workers elsewhere must see the same files at the same paths (a shared volume;
        # give absolute paths); keys are made relative to the caller's folder, not theirs.
        futures = client.map(read_and_extract, [str(f) for f in files],
                             max_bytes=max_bytes, base=base or os.getcwd(), pure=False)
        for fut in futures:
            try:
                yield fut.result()
            finally:
                fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
