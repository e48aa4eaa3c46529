"""The pipeline version: what decides whether an article must be extracted again.

A batch resumes by skipping inputs already done "with the same pipeline
version". The version therefore covers everything that changes the output: the
package version, the spaCy model's version and every rule file of the rules
directory (``Rules.digest``). Editing a lexicon gives a new version, and the
next run re-extracts.
"""

from __future__ import annotations

from extractor.rules import load_rules


def pipeline_version(directory: str | None = None) -> str:
    return load_rules(directory).version
