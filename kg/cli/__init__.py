"""The ``kg`` command line: a thin layer over the library.

One place (:func:`main`) turns library errors into one clear line and exit
code 1; ``--debug`` shows the traceback instead. Usage errors exit 2. The
commands live in the modules of this package, grouped by what they work on.
"""

from __future__ import annotations

import sys

import click

from ..errors import KgError
from . import analysis, build, query, serve  # noqa: F401 -- importing a module registers its commands
from .group import cli

__all__ = ["cli", "main"]


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
