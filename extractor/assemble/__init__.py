"""Turn the spans marked on a Doc into defection records.

The assembler is functions over rules, with the per-document values in one
:class:`~extractor.assemble.state.ArticleState` made for each document and
passed explicitly; the long-lived :class:`~extractor.assemble.build.RecordBuilder`
holds only the lexicon and the gazetteer.

Reading a sentence (``sentences`` runs these and fills ``mentions.SentenceFacts``):
  ``nouns``    what a number counts; people, defection or other nouns; relatives who came along
  ``clauses``  the clause around a mention: triggers, negation, forecasts, repaired predicates
  ``counts``   which numbers are defection figures (``CountMention``)
  ``actors``   people defecting without a number (``ActorMention``)
Choosing periods:
  ``periods``  sorting a sentence's time expressions; the nearest group of event times
  ``dating``   a figure's or an incident's period, with the running topic period
Drafting and merging:
  ``kinds``    incident or aggregate; conjoined breakdowns summed
  ``drafts``   the ``Draft`` record in the making, and its types, route, places, origin, destination
  ``sources``  who reports it
  ``drafting`` the drafts of one sentence, updating the state
  ``merge``    one record per fact
  ``build``    the whole document: state, sentences, drafts, merge, records
Shared: ``tokens`` (small questions about tokens), ``subsets`` (parts of a figure),
``context`` (the article's default origin and destination), ``state``.
"""
