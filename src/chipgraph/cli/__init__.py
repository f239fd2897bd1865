"""chipgraph's command line (placeholder until the CLI lands)."""


def main() -> None:  # pragma: no cover
    raise SystemExit("chipgraph CLI not built yet")
