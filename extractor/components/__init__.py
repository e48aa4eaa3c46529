"""spaCy components of the extractor; importing this package registers their factories."""

from extractor.components import assembler, sentences, taggers  # noqa: F401
from extractor.components.extensions import register_extensions

register_extensions()
