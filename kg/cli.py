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
@click.option("-o", "--out", "out_dir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Output folder (written atomically, file by file).")
@click.option("--strict", is_flag=True, help="Stop at the first unreadable or empty file.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation of the built graph.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def build(inputs: tuple[Path, ...], out_dir: Path, strict: bool, no_validate: bool, quiet: bool) -> None:
    """Build the graph from text files or folders (default: seeds/) into OUT."""
    from .pipeline import build_corpus

    if not inputs:
        inputs = (Path("seeds"),)
    result = build_corpus(
        inputs, out_dir, strict=strict, progress=not quiet, validate=not no_validate,
        on_problem=lambda msg: click.echo(f"warning: {msg}", err=True),
    )
    if quiet:
        return
    s = result.summary()
    err = lambda line: click.echo(line, err=True)  # noqa: E731
    err(f"documents     {s['documents']}")
    err("entities      " + ", ".join(f"{k} {v}" for k, v in s["entities"].items()) + f"  (total {sum(s['entities'].values())})")
    err("relations     " + ", ".join(f"{k} {v}" for k, v in s["relations"].items()) + f"  (total {sum(s['relations'].values())})")
    err(f"observations  {s['observations']}")
    err(f"triples       {s['triples']}")
    if s["shacl_violations"] is not None:
        err(f"SHACL         {'conforms' if s['shacl_violations'] == 0 else str(s['shacl_violations']) + ' violations (kg validate ' + str(out_dir) + ' for the report)'}")
    err(f"seconds       {s['seconds']}")
    err(f"wrote         {out_dir}/graph.ttl, graph.html, graph.graphml, graph.json, entities.csv, relations.csv")
    err(f"open          {(out_dir / 'graph.html').resolve()}")


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "-f", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from a file.")
@click.option("--name", "-n", help="Run a named query from queries/ (see --list).")
@click.option("--list", "list_names", is_flag=True, help="List the named queries and exit.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(graph: Path, sparql: str | None, query_file, name: str | None, list_names: bool, fmt: str) -> None:
    """Run SPARQL over GRAPH (a build folder or a .ttl file); kg:, kgr:, rdfs:, skos: … are predeclared."""
    from .query import QUERIES_DIR, named_query, run_query

    if list_names:
        for p in sorted(QUERIES_DIR.glob("*.rq")):
            title = next((l[8:].strip() for l in p.read_text(encoding="utf-8").splitlines() if l.startswith("# title:")), "")
            click.echo(f"{p.stem:28} {title}")
        return
    given = [x for x in (sparql, query_file, name) if x]
    if len(given) != 1:
        raise click.UsageError("give exactly one of SPARQL, --file or --name")
    text = sparql or (query_file.read() if query_file else named_query(name))
    result = run_query(graph, text)
    click.echo({"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[fmt]().rstrip("\n"))


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def validate(graph: Path, fmt: str) -> None:
    """Check GRAPH (a build folder or .ttl file) against the SHACL shapes; exit 1 on violations."""
    from rdflib import Graph

    from .errors import ValidationError
    from .query import graph_file
    from .shapes import validate as shacl_validate

    g = Graph()
    g.parse(graph_file(graph), format="turtle")
    report = shacl_validate(g)
    if fmt == "json":
        click.echo(json.dumps({"conforms": report.conforms, "violations": [list(map(str, v)) if isinstance(v, tuple) else str(v) for v in report.violations]}, ensure_ascii=False, indent=1))
    else:
        click.echo(report.text.rstrip())
    if not report.conforms:
        raise ValidationError(f"{graph}: {len(report.violations)} SHACL violations")


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
        click.echo(f"error: {exc}", err=True)
        return 1
    return 0
