"""``extractor serve``: the HTTP service and its web page over the per-article runner and the batch database.

Modules: ``settings`` (what the service may do, from ``EXTRACTOR_SERVE_*``), ``safety``
(error shape, body caps, token, per-client limits; the address checks are the fetch layer's
``extractor.fetch.guard``), ``runner`` (one input → ``ArticleResult``), ``store`` (the batch
tables: writes and queries), ``facts_query`` (facts from the stored records), ``job_table``,
``job_items`` and ``jobs`` (``POST /batch`` jobs that survive a restart), ``routes`` (the JSON
API), ``tables`` (CSV answers), ``page`` (the HTML page), ``app`` (the ASGI app).
"""
