"""The ``kg`` command group and its logging."""

from __future__ import annotations

import logging
import sys

import click

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
