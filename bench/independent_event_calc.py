"""Independent reference for the event study, beta and correlation, written from the definitions alone.

Standard library only. Reads Yahoo-layout CSV files (Date,...,Adj Close,...) and a JSON job on stdin:
{"dataDir": ..., "studies": [{"symbol", "benchmark", "event", "ws", "we", "est", "gap"}, ...],
 "pairs": [{"a", "b", "start", "end" or null, "interval": 0|1|2}, ...]}
Writes {"studies": [...], "pairs": [...]} on stdout, one answer (or {"error": ...}) per job.

Definitions (the design's): day 0 is the symbol's first trading day on or after the event date;
daily simple returns of adjusted close on the dates both series traded; the estimation window is the
`est` shared days ending `gap` days before day `ws` (fewer when the data starts later, at least 60);
OLS r = a + b r_bench + e; sd = sqrt(sum e^2 / (n - 2)); AR = r - (a + b r_bench); CAR = sum of AR
over ws..we; t = CAR / (sd sqrt(we - ws + 1)). Beta = cov / var (sample); correlation = Pearson.
"""

import csv
import datetime
import json
import math
import os
import sys


def adjusted(data_dir, symbol, cache={}):
    if symbol not in cache:
        series = {}
        with open(os.path.join(data_dir, symbol + ".csv"), newline="") as f:
            for rec in csv.DictReader(f):
                if rec["Adj Close"] not in ("", "null"):
                    series[rec["Date"]] = float(rec["Adj Close"])
        cache[symbol] = series
    return cache[symbol]


def shared(a, b):
    dates = sorted(set(a) & set(b))
    return dates, [a[d] for d in dates], [b[d] for d in dates]


def simple_returns(values):
    return [values[i] / values[i - 1] - 1 for i in range(1, len(values))]


def ols(y, x):
    n = len(x)
    mx = sum(x) / n
    my = sum(y) / n
    sxx = sum((xi - mx) ** 2 for xi in x)
    sxy = sum((xi - mx) * (yi - my) for xi, yi in zip(x, y))
    b = sxy / sxx
    a = my - b * mx
    sse = sum((yi - a - b * xi) ** 2 for xi, yi in zip(x, y))
    return a, b, math.sqrt(sse / (n - 2))


def study(data_dir, job):
    own = adjusted(data_dir, job["symbol"])
    bench = adjusted(data_dir, job["benchmark"])
    after = [d for d in sorted(own) if d >= job["event"]]
    if not after:
        return {"error": "no day 0"}
    day0 = after[0]
    dates, v, vb = shared(own, bench)
    if day0 not in dates:
        return {"error": "benchmark closed on day 0"}
    i0 = dates.index(day0)
    ws, we, est, gap = job["ws"], job["we"], job["est"], job["gap"]
    if i0 + we >= len(dates) or i0 + ws - 1 < 0:
        return {"error": "missing window day"}
    # position p in dates carries the return from dates[p - 1] to dates[p]; day k sits at i0 + k
    last_est = i0 + ws - gap
    first_est = max(last_est - est + 1, 1)
    n = last_est - first_est + 1
    if n < 60:
        return {"error": "too few estimation days", "n": max(n, 0)}
    ret = lambda values, p: values[p] / values[p - 1] - 1
    y = [ret(v, p) for p in range(first_est, last_est + 1)]
    x = [ret(vb, p) for p in range(first_est, last_est + 1)]
    a, b, sd = ols(y, x)
    ar = lambda p: ret(v, p) - (a + b * ret(vb, p))
    car = sum(ar(i0 + k) for k in range(ws, we + 1))
    return {
        "alpha": a,
        "beta": b,
        "sd": sd,
        "ar0": ar(i0),
        "car": car,
        "t": car / (sd * math.sqrt(we - ws + 1)),
        "raw": v[i0 + we] / v[i0 + ws - 1] - 1,
        "bench": vb[i0 + we] / vb[i0 + ws - 1] - 1,
        "n": n,
        "day0": day0,
    }


def period_key(date, interval):
    d = datetime.date.fromisoformat(date)
    if interval == 1:
        return (d - datetime.timedelta(days=d.weekday())).isoformat()
    return d.replace(day=1).isoformat()


def pair(data_dir, job):
    dates, va, vb = shared(adjusted(data_dir, job["a"]), adjusted(data_dir, job["b"]))
    base = [i for i, d in enumerate(dates) if d <= job["start"]]
    if not base:
        return {"error": "start before shared data"}
    end = len(dates) - 1 if job["end"] is None else max(i for i, d in enumerate(dates) if d <= job["end"])
    keep = list(range(base[-1], end + 1))
    if job["interval"] != 0:
        keep = [i for j, i in enumerate(keep) if j == 0 or i == end or period_key(dates[i], job["interval"]) != period_key(dates[i + 1], job["interval"])]
    ra = simple_returns([va[i] for i in keep])
    rb = simple_returns([vb[i] for i in keep])
    n = len(ra)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb)) / (n - 1)
    var_a = sum((x - ma) ** 2 for x in ra) / (n - 1)
    var_b = sum((y - mb) ** 2 for y in rb) / (n - 1)
    return {"beta": cov / var_b, "correl": cov / math.sqrt(var_a * var_b), "n": n}


def main():
    job = json.load(sys.stdin)
    out = {
        "studies": [study(job["dataDir"], s) for s in job["studies"]],
        "pairs": [pair(job["dataDir"], p) for p in job["pairs"]],
    }
    json.dump(out, sys.stdout)


main()
