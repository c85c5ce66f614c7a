"""``kg serve``, ``kg push`` and ``kg view``: share a build."""

from __future__ import annotations

from pathlib import Path

import click

from .group import cli


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (loopback by default).",
)
@click.option(
    "--port",
    default=7878,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0: any free port).",
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0, min_open=True),
    help="Seconds a query may run before it is stopped (503); time waiting for a worker does not count.",
)
@click.option(
    "--workers", type=click.IntRange(1, 64), help="Query worker processes [default: CPUs, 2 to 4]."
)
@click.option(
    "--on-disk",
    is_flag=True,
    help="Answer from the build's store on disk (little memory, slower queries) instead of "
    "a copy of the graph in each worker's memory.",
)
@click.option(
    "--open", "open_browser", is_flag=True, help="Open the map in the default web browser."
)
def serve(
    graph: Path,
    host: str,
    port: int,
    timeout: float,
    workers: int | None,
    on_disk: bool,
    open_browser: bool,
) -> None:
    """Serve GRAPH (a build folder or .ttl file) read-only: SPARQL at /sparql, the map at /."""
    from ..sparql.server import is_loopback
    from ..sparql.server import serve as serve_graph

    if not is_loopback(host):
        click.echo(
            f"warning: listening on {host}: anyone who can reach this address can query the graph",
            err=True,
        )

    def ready(server) -> None:
        click.echo(
            f"serving {graph} at {server.url} (SPARQL: {server.url}sparql; {server.workers} workers, "
            f"{server.pool.spec.describe()}, {timeout:g} s timeout); Ctrl-C stops",
            err=True,
        )
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)

    serve_graph(
        graph,
        host=host,
        port=port,
        timeout=timeout,
        workers=workers,
        in_memory=not on_disk,
        on_ready=ready,
    )


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option(
    "--endpoint",
    required=True,
    help="Graph Store endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph) or http://HOST:3030/DS/data (Fuseki).",
)
@click.option(
    "--graph", "graph_iri", metavar="IRI", help="Target named graph [default: the default graph]."
)
@click.option(
    "--replace", is_flag=True, help="Replace the target graph's content instead of adding to it."
)
@click.option(
    "--batch-size",
    default=50_000,
    show_default=True,
    type=click.IntRange(1),
    help="Triples per request.",
)
@click.option(
    "--timeout",
    default=120.0,
    show_default=True,
    type=click.FloatRange(0, min_open=True),
    help="Seconds to wait for each request.",
)
def push(
    graph: Path,
    endpoint: str,
    graph_iri: str | None,
    replace: bool,
    batch_size: int,
    timeout: float,
) -> None:
    """Upload GRAPH (a build folder or .ttl file) to a SPARQL Graph Store (Oxigraph, Fuseki, …)."""
    from ..sparql.push import push_graph

    result = push_graph(
        graph,
        endpoint,
        graph_iri=graph_iri,
        replace=replace,
        batch_size=batch_size,
        timeout=timeout,
        on_batch=lambda n, sent: click.echo(f"batch {n}: {sent} triples", err=True),
    )
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    click.echo(
        f"pushed {result.triples} triples in {result.batches} batches to {target} at {result.endpoint} "
        f"({'replaced' if replace else 'added'}, {result.seconds:.1f} s)",
        err=True,
    )


@cli.command()
@click.argument("out", default="out", required=False, type=click.Path(path_type=Path))
@click.option(
    "--open", "open_browser", is_flag=True, help="Also open the map in the default web browser."
)
@click.option("--serve", is_flag=True, hidden=True)  # moved to `kg serve`; says so
def view(out: Path, open_browser: bool, serve: bool) -> None:
    """Print the path of OUT's interactive map (graph.html; OUT defaults to out/).

    To serve it over HTTP (with the SPARQL endpoint beside it), run `kg serve OUT`.
    """
    from ..sparql.files import html_path

    if serve:
        raise click.UsageError(
            f"the map is served by `kg serve {out}` now (at /, beside the SPARQL endpoint)"
        )
    path = html_path(out)
    click.echo(str(path))
    if open_browser:
        import webbrowser

        webbrowser.open(path.as_uri())
