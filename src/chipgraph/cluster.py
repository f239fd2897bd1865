"""Reading and extraction on a Dask cluster (``pip install 'chipgraph[dask]'``).

Two ways to use the workers:

* :func:`dask_results`: workers read and extract the sources and send the extractions back;
  this process writes them to the store as usual (``chipgraph ingest --dask``);
* :func:`dask_map`: workers run a task that writes its own output (an N-Quads shard, see
  :mod:`chipgraph.shards`) and send back only a small summary
  (``chipgraph ingest --dask … --shards DIR``).

See ``docs/shards.md`` and ``docs/scale.md`` ("Beyond one machine").
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .errors import ChipgraphError


@contextmanager
def dask_client(address: str, *, workers: int | None = None):
    """A ``distributed.Client`` of the scheduler at ``address``, or of a new LocalCluster
    (``"local"``, ``workers`` processes of one thread); closed (with the cluster) on exit."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ChipgraphError("--dask needs Dask: pip install 'chipgraph[dask]'") from exc
    from .pipeline import default_jobs

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
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dask_map(fn: Callable, args: Sequence[tuple], kwargs: dict, address: str, *,
             workers: int | None = None) -> Iterator:
    """``fn(*a, **kwargs)`` for each ``a`` in ``args`` on the cluster, results in order."""
    with dask_client(address, workers=workers) as client:
        futures = [client.submit(fn, *a, **kwargs, pure=False) for a in args]
        for fut in futures:
            try:
                yield fut.result()
            finally:
                fut.release()


def dask_results(files: list[Path], max_bytes: int, address: str, *, base: str | None = None,
                 workers: int | None = None) -> Iterator[tuple[list, list[str]]]:
    """``read_and_extract`` of each file on the cluster at ``address`` (or ``"local"``), in order.

    ``base`` is the folder document keys are relative to: the caller's current folder
    (a worker's own current folder may be anywhere), see :func:`chipgraph.documents.path_key`.
    Workers elsewhere must see the same files at the same paths (a shared volume; give
    absolute paths)."""
    from .pipeline import read_and_extract

    base = base or os.getcwd()
    yield from dask_map(read_and_extract, [(str(f),) for f in files],
                        {"max_bytes": max_bytes, "base": base}, address, workers=workers)
