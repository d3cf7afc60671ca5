"""One module per group of commands, each adding its subcommands to the parser.

Each command is one small function ``f(args) -> exit code`` that calls the library and prints.
"""

from neurokg.cli.commands import analytics, curate, graph, query, serve, shell, viz

__all__ = ["REGISTER"]

REGISTER = (
    graph.register,
    query.register,
    serve.register,
    graph.register_locate,
    analytics.register,
    viz.register,
    curate.register,
    shell.register,
)
"""The functions that add the commands, in the order ``neurokg --help`` lists them."""
