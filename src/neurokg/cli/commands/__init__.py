"""One module per group of commands, each adding its subcommands to the parser.

Each command is one small function ``f(args) -> exit code`` that calls the library and prints.
"""

from neurokg.cli.commands import analytics, curate, graph, query, serve, shell, viz

__all__ = ["OWNER", "REGISTER"]

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

OWNER = {
    **dict.fromkeys(("build", "validate", "stats"), graph.register),
    "query": query.register,
    **dict.fromkeys(("serve", "push"), serve.register),
    "locate": graph.register_locate,
    **dict.fromkeys(("path", "loops", "neighbors", "rank", "treatments"), analytics.register),
    "viz": viz.register,
    **dict.fromkeys(("propose", "accept"), curate.register),
    "open": shell.register,
}
"""Which function adds each command: running one command builds only its group (a test checks the table).

``completion`` is not here: it describes the whole parser.
"""
