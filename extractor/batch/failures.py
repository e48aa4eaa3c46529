"""``--failures FILE``: every failed input of a run, one per row, for a retry list or a ticket.

JSON Lines (``source``, ``url``, ``codes``, ``messages``) or, for a ``.csv``
name, CSV with the codes and messages joined by `` | ``. Written as results
arrive, like the other sinks, so an interrupted run keeps the failures so far.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

COLUMNS = ("source", "url", "codes", "messages")


class FailuresFile:
    def __init__(self, path: str) -> None:
        self.path = Path(path)
        self.handle = self.path.open("w", encoding="utf-8", newline="")
        self.as_csv = self.path.suffix.lower() == ".csv"
        self.writer = csv.writer(self.handle) if self.as_csv else None
        if self.writer is not None:
            self.writer.writerow(COLUMNS)

    def write(self, results: list[dict]) -> None:
        for result in results:
            if result["status"] == "failed":
                self._row(result)
        self.handle.flush()

    def _row(self, result: dict) -> None:
        errors = result.get("errors", [])
        row = {"source": result["article"]["source"], "url": result["article"].get("url"),
               "codes": [e["code"] for e in errors], "messages": [e["message"] for e in errors]}
        if self.writer is not None:
            self.writer.writerow([row["source"], row["url"] or "", " | ".join(row["codes"]), " | ".join(row["messages"])])
        else:
            self.handle.write(json.dumps(row, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.handle.close()
