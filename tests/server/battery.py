"""A generated battery of queries that ask the engine to open a connection (SERVICE), written every way
that two readers of SPARQL might read differently: line ends, escapes, comments, strings, IRIs, prefixed
names, every query form and nesting, variable endpoints.

:func:`variants` returns ``(name, query)`` pairs aimed at a trap listener on ``port``. Each one that
pyoxigraph runs as written connects to the trap (:func:`live` lists the ones we check that for), so a
refusal is never vacuous.
"""

from __future__ import annotations

BREAKS = {
    "CR": "\r",
    "CRLF": "\r\n",
    "LF": "\n",
    "FF": "\x0c",
    "VT": "\x0b",
    "NEL": "\x85",
    "LS": "\u2028",
    "PS": "\u2029",
    "escaped LF": "\\u000A",
    "escaped CR": "\\u000D",
    "long-escaped LF": "\\U0000000A",
}

FORMS = {
    "select": "SELECT * WHERE {{ SERVICE {t} {{ ?s ?p ?o }} }}",
    "select silent": "SELECT * WHERE {{ SERVICE SILENT {t} {{ ?s ?p ?o }} }}",
    "ask": "ASK {{ SERVICE {t} {{ ?s ?p ?o }} }}",
    "construct": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {t} {{ ?s ?p ?o }} }}",
    "describe": "DESCRIBE ?s WHERE {{ SERVICE {t} {{ ?s ?p ?o }} }}",
    "optional": "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT {t} {{ ?s ?q ?r }} }} }}",
    "union": "SELECT * WHERE {{ {{ }} UNION {{ SERVICE {t} {{ ?s ?p ?o }} }} }}",
    "minus": "SELECT * WHERE {{ BIND(1 AS ?x) MINUS {{ SERVICE {t} {{ ?x ?p ?o }} }} }}",
    "exists": "ASK {{ FILTER EXISTS {{ SERVICE {t} {{ ?s ?p ?o }} }} }}",
    "not exists": "ASK {{ FILTER NOT EXISTS {{ SERVICE {t} {{ ?s ?p ?o }} }} }}",
    "subquery": "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE {t} {{ ?s ?p ?o }} }} }} }}",
    "graph": "SELECT * WHERE {{ GRAPH ?g {{ SERVICE {t} {{ ?s ?p ?o }} }} }}",
    "nested": "SELECT * WHERE {{ SERVICE SILENT {t} {{ SERVICE {t} {{ ?s ?p ?o }} }} }}",
    "bind variable": "SELECT * WHERE {{ BIND({t} AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    "values variable": "SELECT * WHERE {{ VALUES ?u {{ {t} }} SERVICE ?u {{ ?s ?p ?o }} }}",
    "values $variable": "SELECT * WHERE {{ VALUES $u {{ {t} }} SERVICE $u {{ ?s ?p ?o }} }}",
    "prefixed name": "PREFIX trap: {t} SELECT * WHERE {{ SERVICE trap:x {{ ?s ?p ?o }} }}",
    "lower case": "select * where {{ service {t} {{ ?s ?p ?o }} }}",
    "mixed case": "SELECT * WHERE {{ sErViCe SiLeNt {t} {{ ?s ?p ?o }} }}",
    "no spaces": "SELECT*WHERE{{SERVICE{t}{{?s ?p ?o}}}}",
    "comment between": "SELECT * WHERE {{ SERVICE # the endpoint\n{t} {{ ?s ?p ?o }} }}",
}


def variants(port: int) -> list[tuple[str, str]]:
    """Every query of the battery, named, aimed at ``http://127.0.0.1:PORT/``."""
    trap = f"<http://127.0.0.1:{port}/x>"
    out = [(f"form: {name}", text.format(t=trap)) for name, text in FORMS.items()]
    core = f"SERVICE SILENT {trap} {{ ?s ?p ?o }}"
    for name, brk in BREAKS.items():
        # a comment that one reader ends at the break and another does not (the first payload)
        out.append((f"comment ended by {name}", f"SELECT * WHERE {{ # x{brk}{core}\n}}"))
        # a string that one reader opens inside a comment (the second payload)
        hiding = f'SELECT * WHERE {{ # {brk} BIND("""\n{core}\n# """ AS ?y)\n}}'
        out.append((f"comment hiding a string, {name}", hiding))
        # the break between the keyword and its endpoint
        out.append((f"{name} after SERVICE", f"SELECT * WHERE {{ SERVICE{brk}SILENT{brk}{trap} {{ ?s ?p ?o }} }}"))
    escaped = {
        "escaped S of SERVICE": "\\u0053ERVICE",
        "escaped E of SERVICE": "SERVIC\\u0045",
        "long-escaped S of SERVICE": "\\U00000053ERVICE",
        "escaped lower s": "\\u0073ervice",
    }
    for name, word in escaped.items():
        out.append((name, f"SELECT * WHERE {{ {word} SILENT {trap} {{ ?s ?p ?o }} }}"))
    iri = f"http://127.0.0.1:{port}/x"
    out += [
        ("escaped IRI scheme", f"SELECT * WHERE {{ SERVICE SILENT <\\u0068ttp://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}"),
        ("escaped IRI colon", f"SELECT * WHERE {{ SERVICE SILENT <http\\u003A//127.0.0.1:{port}/x> {{}} }}"),
        ("escaped IRI brackets", f"SELECT * WHERE {{ SERVICE SILENT \\u003C{iri}\\u003E {{ ?s ?p ?o }} }}"),
        ("escaped local name", f"PREFIX t: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE t:\\u0078 {{}} }}"),
        ("escaped prefix", f"PREFIX t: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE \\u0074:x {{}} }}"),
        ("quote escaped in a string", f'SELECT * WHERE {{ BIND("\\u0022" AS ?x) {core} # " }}'),
        ("quote escaped in a long string", f'SELECT * WHERE {{ BIND("""\\u0022""" AS ?x) {core} }}'),
        ("apostrophe escaped", f"SELECT * WHERE {{ BIND('\\u0027' AS ?x) {core} # ' }}"),
        ("escaped backslash then u", f'SELECT * WHERE {{ BIND("\\\\u0022" AS ?x) {core} }}'),
        ("long single-quoted string", f"SELECT * WHERE {{ BIND('''a''' AS ?x) {core} }}"),
        ("hash in an IRI", f"SELECT * WHERE {{ BIND(<http://e/#a> AS ?x) {core} }}"),
        ("string ending a line", f'SELECT * WHERE {{ BIND("a"\r{core}\r AS ?x) }}'),
        ("CR-only lines", f"SELECT * WHERE {{\r# note\r{core}\r}}"),
        ("tab and CRLF", f"SELECT\t*\r\nWHERE\t{{\r\n{core}\r\n}}"),
    ]
    return out


def live(port: int) -> list[tuple[str, str]]:
    """The issue's two payloads: pyoxigraph, as written, connects for each."""
    trap = f"<http://127.0.0.1:{port}/any>"
    return [
        ("payload 1: comment ended by CR", f"SELECT * WHERE {{ # x\rSERVICE SILENT {trap} {{ ?s ?p ?o }}\n}}"),
        (
            "payload 2: escaped LF in a comment",
            f'SELECT * WHERE {{ # \\u000A BIND("""\nSERVICE SILENT {trap} {{?s ?p ?o}}\n# """ AS ?y)\n}}',
        ),
    ]
