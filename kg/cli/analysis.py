"""Commands that read a finished build: ``kg evaluate``, ``stats``, ``curate``, ``profile``, ``compare``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .group import cli


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
    from ..analysis.evaluate import evaluate as evaluate_build
    from ..analysis.evaluate import format_scores

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
    from ..analysis.report import format_stats
    from ..analysis.stats import compute_stats, read_graph

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

    from ..analysis.review import format_suggestions, review_build

    suggestions = review_build(out)
    if fmt == "json":
        click.echo(json.dumps([asdict(s) for s in suggestions], ensure_ascii=False, indent=1))
    else:
        click.echo(format_suggestions(suggestions), nl=False)


_TYPES = click.Choice(["Place", "Program", "Industry", "Platform", "Organization"])


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.argument("name")
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True
)
@click.option("--type", "type_", type=_TYPES, help="The entity type, when the name is ambiguous.")
@click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(min=1),
    help="Co-mentioned entities to list.",
)
def profile(out: Path, name: str, fmt: str, type_: str | None, top: int) -> None:
    """Everything the build in OUT holds about the entity NAME (canonical name or alias).

    Type, aliases, IRI, codes and coordinates, documents, relations with their
    evidence, numbers, and the entities most often named in the same sentences.
    """
    from ..analysis.profile import build_profile, format_profile

    click.echo(format_profile(build_profile(out, name, type_=type_, top=top), fmt), nl=False)


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.argument("names", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True
)
@click.option(
    "--type",
    "type_",
    type=_TYPES,
    help="The type of entities to compare (default: the first name's).",
)
def compare(out: Path, names: tuple[str, ...], fmt: str, type_: str | None) -> None:
    """Entities NAMES of one type in the build in OUT side by side (two or more).

    Shared and distinct industries, platforms and programs, and the numbers
    stated about them, each with the sentence that states it.
    """
    from ..analysis.compare import build_comparison, format_comparison

    click.echo(format_comparison(build_comparison(out, names, type_=type_), fmt), nl=False)
