"""SPARQL over a build: run queries, serve them over HTTP, push the graph to a Graph Store.

* :mod:`kg.sparql.query`: answer a query on a build (``kg query``), the named queries;
* :mod:`kg.sparql.formats`: result formats, their media types, content negotiation;
* :mod:`kg.sparql.protocol`: a SPARQL 1.1 Protocol request, parsed and checked;
* :mod:`kg.sparql.worker` and :mod:`kg.sparql.pool`: queries in worker processes, with a timeout;
* :mod:`kg.sparql.files`: the build's files served beside the endpoint (the map);
* :mod:`kg.sparql.handler` and :mod:`kg.sparql.server`: the HTTP endpoint (``kg serve``);
* :mod:`kg.sparql.push`: upload to a SPARQL Graph Store (``kg push``).

Nothing is imported here, so a query worker loads only what it needs.
"""
