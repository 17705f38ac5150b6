"""Independent reference for the market arithmetic, written from the definitions alone.

Standard library only. Reads Yahoo-layout CSV files (Date,Open,High,Low,Close,Adj Close,Volume)
and a JSON job on stdin: {"dataDir": ..., "symbols": [...], "windows": [[start, end or null], ...],
"events": "events.csv" or null}. Writes JSON results on stdout, one entry per symbol, window and
kind, plus weekly/monthly HISTORY aggregates and Excel serials for every date.
"""

import csv
import datetime
import json
import math
import os
import statistics
import sys


def read_csv(path):
    rows = []
    with open(path, newline="") as f:
        for rec in csv.DictReader(f):
            if rec["Close"] in ("", "null") or rec["Adj Close"] in ("", "null"):
                continue
            rows.append(rec)
    return rows


def num(text):
    return None if text in ("", "null", None) else float(text)


def day(text):
    return datetime.date.fromisoformat(text)


def window(rows, start, end):
    """Base: last row dated on or before start; end: last row on or before end (or the last row)."""
    if start < rows[0]["Date"]:
        return None
    base = max(i for i, r in enumerate(rows) if r["Date"] <= start)
    last = len(rows) - 1 if end is None else max(i for i, r in enumerate(rows) if r["Date"] <= end)
    return base, last


def measures(rows, start, end, column):
    found = window(rows, start, end)
    if found is None:
        return {"error": "before_first_date"}
    base, last = found
    values = [float(r[column]) for r in rows[base : last + 1]]
    growth = values[-1] / values[0]
    days = (day(rows[last]["Date"]) - day(rows[base]["Date"])).days
    returns = [values[i] / values[i - 1] - 1 for i in range(1, len(values))]
    peak = values[0]
    worst = 0.0
    for v in values:
        peak = max(peak, v)
        worst = min(worst, v / peak - 1)
    return {
        "baseDate": rows[base]["Date"],
        "endDate": rows[last]["Date"],
        "return": growth - 1,
        "cagr": growth ** (365.25 / days) - 1 if days >= 365 else None,
        "volatility": statistics.stdev(returns) * math.sqrt(252) if len(returns) >= 2 else None,
        "maxDrawdown": worst,
    }


def excel_serial(text):
    d = day(text)
    if d >= datetime.date(1900, 3, 1):
        return (d - datetime.date(1899, 12, 30)).days
    return (d - datetime.date(1899, 12, 31)).days


def aggregate(rows, dividends, period_of, date_of):
    """One entry per period: [serial, close, open, high, low, volume, adjclose, dividend]."""
    out = []
    keys = []
    for r in rows:
        key = period_of(day(r["Date"]))
        if not keys or keys[-1] != key:
            keys.append(key)
            out.append({"date": date_of(key, r["Date"]), "rows": []})
        out[-1]["rows"].append(r)
    table = []
    for key, period in zip(keys, out):
        rs = period["rows"]
        vols = [num(r["Volume"]) for r in rs if num(r["Volume"]) is not None]
        div = sum(a for d, a in dividends if period_of(day(d)) == key and rs[0]["Date"] <= d <= rs[-1]["Date"])
        table.append(
            [
                excel_serial(period["date"]),
                float(rs[-1]["Close"]),
                num(rs[0]["Open"]),
                max(float(r["High"]) for r in rs),
                min(float(r["Low"]) for r in rs),
                sum(vols) if vols else None,
                float(rs[-1]["Adj Close"]),
                div,
            ]
        )
    return table


def read_dividends(path, symbol):
    if not path or not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return [(r["Date"], float(r["Dividend"])) for r in csv.DictReader(f) if r["Symbol"] == symbol and r["Dividend"]]


def main():
    job = json.load(sys.stdin)
    results = {}
    for symbol in job["symbols"]:
        rows = read_csv(os.path.join(job["dataDir"], symbol + ".csv"))
        events = os.path.join(job["dataDir"], job["events"]) if job.get("events") else None
        dividends = read_dividends(events, symbol)
        windows = []
        for start, end in job["windows"]:
            for kind, column in (("total", "Adj Close"), ("price", "Close")):
                windows.append({"start": start, "end": end, "kind": kind, **measures(rows, start, end, column)})
        weekly = aggregate(
            rows,
            dividends,
            lambda d: d - datetime.timedelta(days=d.weekday()),  # Monday of the ISO week
            lambda key, first_date: first_date,
        )
        monthly = aggregate(
            rows,
            dividends,
            lambda d: (d.year, d.month),
            lambda key, first_date: "%04d-%02d-01" % key,
        )
        results[symbol] = {
            "windows": windows,
            "weekly": weekly,
            "monthly": monthly,
            "serials": [excel_serial(r["Date"]) for r in rows],
            "first": rows[0]["Date"],
            "last": rows[-1]["Date"],
        }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
