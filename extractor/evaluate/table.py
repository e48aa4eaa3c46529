"""The plain-text score table that ``extractor evaluate`` prints."""

from __future__ import annotations

from extractor.evaluate.scores import EvalReport, Totals, ordered_fields


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _fields(t: Totals) -> str:
    return f"{_fmt(t.field_accuracy)} ({t.fields_right}/{t.fields_scored})"


def format_report(report: EvalReport) -> str:
    """A plain-text table: one line per file, an overall line, then per-field accuracy."""
    header = ("file", "gold", "pred", "match", "P", "R", "F1", "fields", "forbidden")
    rows = []
    for f in report.files:
        t = f.totals
        rows.append((f.name, str(t.gold_required), str(t.predicted), str(t.matched_required),
                     _fmt(t.precision), _fmt(t.recall), _fmt(t.f1), _fields(t), str(t.forbidden_hits)))
    o = report.overall
    overall = (f"OVERALL ({o.files} files)", str(o.gold_required), str(o.predicted),
               str(o.matched_required), _fmt(o.precision), _fmt(o.recall), _fmt(o.f1),
               _fields(o), str(o.forbidden_hits))
    widths = [max(len(r[k]) for r in [header, *rows, overall]) for k in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:])]).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    for f, row in zip(report.files, rows):
        out.append(line(row))
        if f.error:
            out.append(f"  error: {f.error}")
    out.append("  ".join("-" * w for w in widths))
    out.append(line(overall))
    if o.errors:
        out.append(f"{o.errors} file(s) failed to run")
    if report.per_field:
        out.append("")
        out.append("per-field accuracy (matched required pairs):")
        name_w = max(len(name) for name in report.per_field)
        for name, tally in ordered_fields(report.per_field):
            out.append(f"  {name.ljust(name_w)}  {_fmt(tally.accuracy)}  ({tally.right}/{tally.scored})")
    return "\n".join(out) + "\n"
