"""extractor: defection records from news articles."""

__version__ = "0.1.0"
