#!/usr/bin/env python3
"""Markdown tables from BatchBenchmark's JMH JSON output (issue 7, item 2). Standard library only.

    python3 benchmarks/batch-table.py benchmarks/target/batch.json

Prints one table per value of the `stale` parameter: for each database, row count and approach,
the mean time per batch with JMH's 99.9% error, the median of the measurement iterations, and the
speed-up over hand-written JDBC row by row (row-by-row's time divided by the approach's), on the
means and on the medians.
"""
import json
import statistics
import sys

APPROACHES = [  # benchmark method -> label, in display order
    ("jdbcRowByRow", "hand-written JDBC, row by row"),
    ("jdbcBatch", "hand-written JDBC batch"),
    ("optilockUpdateAll", "**optilock `updateAll`**"),
    ("jooqBatchUpdate", "jOOQ `batchUpdate`"),
    ("hibernateUpdateMultiple", "Hibernate `StatelessSession.updateMultiple`"),
    ("hibernateMerge", "Hibernate `Session.merge`, batched flush"),
    ("springSaveAll", "Spring Data JDBC `saveAll`"),
]
DATABASES = ["sqlite", "postgresql"]
# With stale rows these throw at the first conflicting row and roll the batch back: their time is
# the time to that failure, not to a finished batch, so no speed-up is given for them.
THROW_ON_CONFLICT = {"hibernateUpdateMultiple", "hibernateMerge", "springSaveAll"}


def ms(value):
    """Figures with 4 significant digits at most, thousands separated."""
    if value is None or value != value:
        return "n/a"
    if value >= 100:
        return f"{value:,.1f}"
    if value >= 10:
        return f"{value:,.2f}"
    return f"{value:,.3f}" if value < 1 else f"{value:,.2f}"


def ratio(base, value):
    """base / value as a speed-up: one decimal from 10x up, two below."""
    if not base or not value:
        return "n/a"
    r = base / value
    return f"{r:.1f}x" if r >= 10 else f"{r:.2f}x"


def main(path):
    results = {}
    for entry in json.load(open(path)):
        method = entry["benchmark"].rsplit(".", 1)[1]
        params = entry.get("params", {})
        primary = entry["primaryMetric"]
        raw = [v for fork in primary.get("rawData", []) for v in fork]
        error = primary.get("scoreError")
        try:
            error = float(error)
        except (TypeError, ValueError):
            error = None
        key = (params["stale"], params["db"], int(params["rows"]), method)
        results[key] = (primary["score"], error, statistics.median(raw) if raw else None)
    for stale in sorted({k[0] for k in results}, reverse=True):
        print(f"\nstale = {stale}\n")
        print("| database | rows | approach | ms per batch (mean ± 99.9% error) | median of iterations"
              " | vs row-by-row (means) | vs row-by-row (medians) |")
        print("|---|---:|---|---:|---:|---:|---:|")
        for db in DATABASES:
            for rows in sorted({k[2] for k in results if k[0] == stale and k[1] == db}):
                base = results.get((stale, db, rows, "jdbcRowByRow"))
                for method, label in APPROACHES:
                    r = results.get((stale, db, rows, method))
                    if r is None:
                        continue
                    score, error, median = r
                    if stale != "0" and method in THROW_ON_CONFLICT:
                        ratios = "threw, wrote nothing | threw, wrote nothing"
                    else:
                        ratios = (f"{ratio(base[0] if base else None, score)}"
                                  f" | {ratio(base[2] if base else None, median)}")
                    print(f"| {db} | {rows:,} | {label} | {ms(score)} ± {ms(error)} | {ms(median)}"
                          f" | {ratios} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/batch.json")
