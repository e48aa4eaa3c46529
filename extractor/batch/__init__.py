"""``extractor batch``: many inputs (folders, globs, WARC, JSONL, URL lists) into sinks.

The flow: ``inputs`` expands the arguments into a stream of ``WorkItem``s,
``prefetch`` downloads URL items with bounded concurrency, ``executors`` send
chunks of items to worker processes (or a Dask cluster) that run ``worker``,
and ``run`` writes the results to the sinks in input order with progress.
"""

DEFAULT_CHUNK_SIZE = 16  # articles per chunk: spaCy parses a chunk's articles as one batch (16 ~5% faster than 8)
