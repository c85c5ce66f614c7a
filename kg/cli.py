"""The ``kg`` command line: a thin layer over the library.

One place (:func:`main`) turns library errors into one clear line and exit
code 1; ``--debug`` shows the traceback instead. Usage errors exit 2.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from .errors import KgError

log = logging.getLogger("kg")


class _Context:
    debug = False


def _setup_logging(debug: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s: %(message)s" if debug else "%(message)s",
        stream=sys.stderr,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.version_option(package_name="xinzhi-kg")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """xinzhi-kg: Chinese policy texts → a knowledge graph you can query and trust."""
    ctx.obj = _Context()
    ctx.obj.debug = debug
    _setup_logging(debug)


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="out",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Output folder (replaced as a whole, atomically, when the build succeeds).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Stop at the first unreadable, undecodable or empty file (exit 1).",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of the built graph.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes  [default: number of cores; one when there is under 2 MB to extract, "
    "in the background while a large cache is read]",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Extract on this Dask scheduler's workers (they must see the input paths).",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Extraction cache folder  [default: OUT/.cache]",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Extract every document again and write graph.ttl and the store from scratch; leave the cache alone.",
)
@click.option(
    "--curation",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Analysts' corrections to apply  [default: curation.tsv in the first input folder that has one]",
)
def build(
    inputs: tuple[Path, ...],
    out_dir: Path,
    strict: bool,
    no_validate: bool,
    quiet: bool,
    jobs: int | None,
    scheduler: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    curation: Path | None,
) -> None:
    """Build the graph from text files or folders (default: seeds/) into OUT.

    Documents are extracted in parallel and cached in OUT/.cache, so a
    rebuild extracts only new or changed files; the output is the same
    whatever --jobs, --scheduler or the cache.
    """
    from .pipeline.build import build_corpus

    if not inputs:
        inputs = (Path("seeds"),)
    if no_cache and cache_dir is not None:
        raise click.UsageError("give --cache DIR or --no-cache, not both")
    result = build_corpus(
        inputs,
        out_dir,
        strict=strict,
        progress=not quiet,
        validate=not no_validate,
        on_problem=lambda msg: click.echo(f"warning: {msg}", err=True),
        jobs=jobs,
        scheduler=scheduler,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        curation=curation,
    )
    if quiet:
        return
    s = result.summary()
    err = lambda line: click.echo(line, err=True)  # noqa: E731
    err(
        f"documents     {s['documents']}  (extracted {s['extracted']}, cached {s['cached']}; {s['backend']})"
    )
    if s["problems"]:
        err(f"warnings      {s['problems']} (above; --strict stops at the first)")
    if s["curation"]:
        err(
            f"curation      {s['curation']} lines applied (kg query {out_dir} --name curation_decisions)"
        )
    err(
        "entities      "
        + ", ".join(f"{k} {v}" for k, v in s["entities"].items())
        + f"  (total {sum(s['entities'].values())})"
    )
    err(
        "relations     "
        + ", ".join(f"{k} {v}" for k, v in s["relations"].items())
        + f"  (total {sum(s['relations'].values())})"
    )
    err(f"observations  {s['observations']}")
    reused = s["rdf_blocks_reused"]
    err(
        f"triples       {s['triples']}"
        + (f"  ({reused} blocks of graph.ttl kept from the last build)" if reused else "")
    )
    if s["shacl_violations"] is not None:
        err(
            f"SHACL         {'conforms' if s['shacl_violations'] == 0 else str(s['shacl_violations']) + ' violations (kg validate ' + str(out_dir) + ' for the report)'}"
        )
    err(f"seconds       {s['seconds']}")
    err(
        f"wrote         {out_dir}/graph.ttl, graph.html, graph.graphml, graph.json, entities.csv, relations.csv, store/"
    )
    err(f"open          {(out_dir / 'graph.html').resolve()}")


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option(
    "--file",
    "-f",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a file.",
)
@click.option("--name", "-n", help="Run a named query from queries/ (see --list).")
@click.option("--list", "list_names", is_flag=True, help="List the named queries and exit.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "srj", "srx", "tsv"]),
    default="table",
    show_default=True,
    help="table, csv, json: plain values; srj, srx, tsv: the W3C SPARQL results formats "
    "(JSON, XML, TSV) with term types, for SELECT and ASK.",
)
def query(
    graph: Path, sparql: str | None, query_file, name: str | None, list_names: bool, fmt: str
) -> None:
    """Run SPARQL over GRAPH (a build folder or a .ttl file); kg:, kgr:, rdfs:, skos: … are predeclared."""
    from .sparql.query import named_query, query_names, query_title, run_query, serialize_query

    if list_names:
        for known in query_names():
            click.echo(f"{known:28} {query_title(known)}")
        return
    given = [x for x in (sparql, query_file, name) if x]
    if len(given) != 1:
        raise click.UsageError("give exactly one of SPARQL, --file or --name")
    text = sparql or (query_file.read() if query_file else named_query(str(name)))
    if fmt in ("srj", "srx", "tsv"):
        click.echo(serialize_query(graph, text, fmt).decode("utf-8").rstrip("\n"))
        return
    result = run_query(graph, text)
    click.echo(
        {"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[fmt]().rstrip("\n")
    )


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--engine",
    type=click.Choice(["sparql", "pyshacl"]),
    default="sparql",
    show_default=True,
    help="sparql: the shapes compiled to SPARQL over the store (fast, what builds use); "
    "pyshacl: the reference SHACL engine (loads the graph into rdflib).",
)
def validate(graph: Path, fmt: str, engine: str) -> None:
    """Check GRAPH (a build folder or .ttl file) against the SHACL shapes; exit 1 on violations."""
    from .errors import ValidationError

    if engine == "pyshacl":
        from rdflib import Graph

        from .rdf.store import graph_turtle
        from .validate.reference import validate as shacl_validate

        g = Graph()
        g.parse(graph_turtle(graph), format="turtle")
        report = shacl_validate(g)
    else:
        from .rdf.store import open_store
        from .validate import validate_store

        report = validate_store(open_store(graph))
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "conforms": report.conforms,
                    "violations": [
                        list(map(str, v)) if isinstance(v, tuple) else str(v)
                        for v in report.violations
                    ],
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        click.echo(report.text.rstrip())
    if not report.conforms:
        raise ValidationError(f"{graph}: {len(report.violations)} SHACL violations")


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Gold annotations: a folder of JSON files (or one file) in the annotation format.",
)
@click.option(
    "--show",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="List up to N missed and spurious entities, relations and observations "
    "(the JSON output always lists them all).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def evaluate(out: Path, gold_dir: Path, show: int, fmt: str) -> None:
    """Score the build in OUT (a build folder or its graph.ttl) against gold annotations.

    Precision, recall and F1 for entities (typed, untyped, per type), relations
    (typed, untyped) and observations, as the annotation format defines them.
    """
    from .analysis.evaluate import evaluate as evaluate_build
    from .analysis.evaluate import format_scores

    scores = evaluate_build(out, gold_dir)
    if fmt == "json":
        click.echo(json.dumps(scores.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(format_scores(scores, show=show))


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--top",
    default=5,
    show_default=True,
    type=click.IntRange(min=1),
    help="How many entities per type, components, communities and files to list.",
)
def stats(out: Path, fmt: str, top: int) -> None:
    """Counts, central entities, components and communities of the build in OUT (its graph.json)."""
    from .analysis.report import format_stats
    from .analysis.stats import compute_stats, read_graph

    result = compute_stats(read_graph(out), top=top)
    click.echo(
        format_stats(result) if fmt == "table" else json.dumps(result, ensure_ascii=False, indent=1)
    )


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "json"]),
    default="tsv",
    show_default=True,
    help="tsv: curation lines to copy into curation.tsv, the reason as each note.",
)
def curate(out: Path, fmt: str) -> None:
    """Suggest curation lines for the build in OUT: what a reviewer should look at first."""
    from dataclasses import asdict

    from .analysis.review import format_suggestions, review_build

    suggestions = review_build(out)
    if fmt == "json":
        click.echo(json.dumps([asdict(s) for s in suggestions], ensure_ascii=False, indent=1))
    else:
        click.echo(format_suggestions(suggestions), nl=False)


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
    from .sparql.server import is_loopback
    from .sparql.server import serve as serve_graph

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
    from .sparql.push import push_graph

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
    from .sparql.files import html_path

    if serve:
        raise click.UsageError(
            f"the map is served by `kg serve {out}` now (at /, beside the SPARQL endpoint)"
        )
    path = html_path(out)
    click.echo(str(path))
    if open_browser:
        import webbrowser

        webbrowser.open(path.as_uri())


def main(argv: list[str] | None = None) -> int:
    """Console entry point: run the CLI, mapping errors to exit codes (0 ok, 1 error, 2 usage)."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KgError as exc:
        if debug:
            raise
        click.echo(f"error: {exc}", err=True)
        return 1
    except OSError as exc:
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(
            f"error: {where}{exc.strerror or exc}; check the path, its permissions and the free space "
            "(kg --debug … shows the traceback)",
            err=True,
        )
        return 1
    except MemoryError:
        if debug:
            raise
        click.echo(
            "error: out of memory; split very large input files or build with fewer --jobs",
            err=True,
        )
        return 1
    except Exception as exc:  # a bug: still one line, the traceback with --debug
        if debug:
            raise
        notes = "".join(f" ({note})" for note in getattr(exc, "__notes__", ()))
        click.echo(
            f"error: internal error {type(exc).__name__}: {exc}{notes}; run `kg --debug …` for the "
            "traceback and please report it",
            err=True,
        )
        return 1
    return 0
