"""``kg query`` and ``kg validate``: ask a build, check it against the shapes."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .group import cli


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
    from ..sparql.query import named_query, query_names, query_title, run_query, serialize_query

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
    from ..errors import ValidationError

    if engine == "pyshacl":
        from rdflib import Graph

        from ..rdf.store import graph_turtle
        from ..validate.reference import validate as shacl_validate

        g = Graph()
        g.parse(graph_turtle(graph), format="turtle")
        report = shacl_validate(g)
    else:
        from ..rdf.store import open_store
        from ..validate import validate_store

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
