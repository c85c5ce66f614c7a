"""``kg build``: texts → a graph and every output file."""

from __future__ import annotations

from pathlib import Path

import click

from .group import cli


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
    from ..pipeline.build import build_corpus

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
    if not quiet:
        for line in summary_lines(result.summary(), out_dir):
            click.echo(line, err=True)


def summary_lines(s: dict, out_dir: Path) -> list[str]:
    """What ``kg build`` reports on stderr, from :meth:`BuildResult.summary`."""
    lines: list[str] = []
    err = lines.append
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
    return lines
