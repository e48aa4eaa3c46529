"""The rule files (JSON), installed inside the package as ``extractor.configs``.

In a checkout or an editable install they are read from this top-level folder;
see :func:`extractor.rules.default_config_dir`.
"""
