"""``chipgraph serve``: the store over the SPARQL 1.1 Protocol (see :mod:`chipgraph.serve`)."""
from __future__ import annotations

import secrets
import signal
from typing import Annotated, Optional

import typer

from ..errors import ChipgraphError
from .app import State, app, err, fail

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    allow_update: Annotated[bool, typer.Option("--allow-update", help="Accept SPARQL Update and Graph Store writes from clients with the token.")] = False,
    token: Annotated[Optional[str], typer.Option(envvar="CHIPGRAPH_TOKEN", help="Bearer token for writes (default: a new random one, printed).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before it is cut off (an error status, never a partial answer).")] = 30.0,
    result_limit: Annotated[int, typer.Option(help="Most rows (or triples) one answer may have; more is an error.")] = 100_000,
    allow_service: Annotated[bool, typer.Option("--allow-service", help="Give the query executor network access, so SERVICE clauses and LOAD fetch the URLs clients name.")] = False,
    allowed_host: Annotated[Optional[list[str]], typer.Option("--allowed-host", help="Another name clients reach this server by (Host header, NAME or NAME:PORT); repeatable.")] = None,
) -> None:
    """Serve the store: Oxigraph behind a read-only guard, with a query page.

    Queries run in executor processes that have no port and no network (SERVICE and LOAD
    cannot reach other servers) and are stopped at --timeout.  While it runs it holds the
    store's lock: write through it with
    `CHIPGRAPH_TOKEN=… chipgraph --store http://HOST:PORT ingest FILES` (needs --allow-update).
    """
    from ..serve import Service

    location = State.store_location
    if location.startswith(("http://", "https://")):
        raise fail(ChipgraphError(f"{location}: `serve` needs a store folder, not an endpoint"))
    if allow_update and not token:
        token = secrets.token_urlsafe(24)
        typer.echo(f"token for writes (set CHIPGRAPH_TOKEN): {token}", err=True)
    if host not in _LOOPBACK:
        err(f"warning: listening on {host}: other machines can query this store")
        if host in ("0.0.0.0", "::", "") and not allowed_host:
            err("warning: the Host header is not checked on every interface; give the names "
                "clients use with --allowed-host to guard against DNS rebinding")
    if allow_service:
        err("warning: --allow-service: queries can make this machine fetch any URL (SSRF)")
    service = Service(location, host=host, port=port, allow_update=allow_update, token=token,
                      timeout=timeout, result_limit=result_limit, allow_service=allow_service,
                      allowed_hosts=tuple(allowed_host or ()))
    try:
        service.start()
    except (ChipgraphError, OSError) as exc:
        raise fail(exc if isinstance(exc, ChipgraphError) else ChipgraphError(f"cannot listen on {host}:{port}: {exc}")) from exc
    mode = "updates allowed with the token" if allow_update else "read-only"
    typer.echo(f"serving {location} at {service.url}/ (SPARQL: {service.url}/query; {mode}; Ctrl-C stops)", err=True)
    def stop(signum, frame):  # SIGTERM stops like Ctrl-C: the executors are stopped too
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        service.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        service.stop()
