"""spaCy components of the extractor; importing this package registers their factories
(:mod:`extractor.components.factories`) and the custom attributes, nothing heavier."""

from extractor.components import factories  # noqa: F401
