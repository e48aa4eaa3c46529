"""Count phrases with their head noun: "196 defectors", "two soldiers", "a soldier",
"Fourteen of the arrivals", "one of the students".

Every record's ``count.text`` carries its noun ("A North Korean soldier"), so ``parse_count``
accepts such a phrase as well as a bare count ("more than 100"). The phrase must be a count and
a short noun phrase and nothing else: a clause ("196 defectors reached the South"), a second
figure ("32 men and 164 women") or a number inside a name ("Camp 14") is no count phrase.
"a"/"an" counts one only before a word for a person from the lexicon ("a soldier", not "a year").
"""

from __future__ import annotations

import re
from typing import Callable

from extractor.lexicon import Lexicon
from extractor.records import Count

# Words that make the rest a clause or a list, not a noun phrase (grammar, not domain words).
CLAUSE_WORDS = frozenset(
    "the a an to in on at from into across by with and or but is are was were be been has have had "
    "said says will would who that which per as after before since".split())
NOUN_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
PARTITIVE = re.compile(r"\s*of\s+(?:the|those|these|them|its|their|his|her|our|all\s+the)\b", re.IGNORECASE)
ONE_OF = re.compile(r"\s*one(?=\s+of\b)", re.IGNORECASE)
INDEFINITE = re.compile(r"\s*an?(?=\s)", re.IGNORECASE)
LEADING_THE = re.compile(r"\s*the\s+", re.IGNORECASE)
MAX_NOUN_WORDS = 5


class HeadedCounts:
    """Reads "<count> <noun phrase>" with one parser's bare counts and one lexicon's person words."""

    def __init__(self, find: Callable[[str], list], lexicon: Lexicon) -> None:
        self.find = find
        self.person_words = frozenset(lexicon.people_nouns | set(lexicon.type_words) | lexicon.defection_nouns)

    def parse(self, text: str) -> Count | None:
        phrase = text.strip()
        lead = LEADING_THE.match(phrase)
        body = phrase[lead.end():] if lead else phrase
        count, tail = self._count_and_tail(body)
        if count is None or not self._noun_phrase(tail, singular_person=count.value == 1 and tail is not None):
            return None
        return count.model_copy(update={"text": text})

    def _count_and_tail(self, body: str) -> tuple[Count | None, str | None]:
        matches = self.find(body)
        if matches and matches[0].start == 0:
            return matches[0].count, self._after_partitive(body[matches[0].end:])
        one = ONE_OF.match(body) or INDEFINITE.match(body)
        if one is None:
            return None, None
        tail = body[one.end():]
        if one.group(0).strip().lower() == "one" and not PARTITIVE.match(tail):
            return None, None
        return Count(text=one.group(0).strip(), value=1, qualifier="exact"), self._after_partitive(tail)

    @staticmethod
    def _after_partitive(tail: str) -> str:
        """The noun phrase after "of the" ("Fourteen of the arrivals"); "of them" stands for one."""
        partitive = PARTITIVE.match(tail)
        if partitive is None:
            return tail
        rest = tail[partitive.end():]
        return rest if rest.strip() or not partitive.group(0).strip().lower().endswith("them") else "them"

    def _noun_phrase(self, tail: str | None, *, singular_person: bool) -> bool:
        words = (tail or "").split()
        if not 1 <= len(words) <= MAX_NOUN_WORDS or not all(NOUN_WORD.fullmatch(w) for w in words):
            return False
        if any(w.lower() in CLAUSE_WORDS for w in words):
            return False
        head = words[-1].lower().rstrip(".")
        if head == "them":
            return True
        if singular_person or head.endswith(("ed", "ing")):
            return head in self.person_words or singular(head) in self.person_words
        return True


def singular(word: str) -> str:
    """The lexicons list singulars: "soldiers" -> "soldier", "fishermen" -> "fisherman"."""
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word
