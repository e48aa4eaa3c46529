"""Turn the spans marked on a Doc into defection records.

``mentions`` reads one sentence (what is counted, by whom, when, where);
``context`` holds what the article as a whole says (default origin and
destination, the period a figure inherits); ``periods`` ties counts to time
expressions; ``build`` makes records, merges repeated incidents and drops
repeated figures.
"""
