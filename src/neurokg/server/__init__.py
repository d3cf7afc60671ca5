"""The read-only SPARQL endpoint: HTTP, content negotiation, the query guard and the worker pool."""
