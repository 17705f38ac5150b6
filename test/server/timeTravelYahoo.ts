/**
 * A Yahoo stand-in that lives at a chosen instant (`clock.now`). It holds hand-made series as
 * traded (a 3-for-1 split and quarterly dividends each) and answers the chart API the way Yahoo
 * does at that instant: a split or dividend is listed only from its date on (in the exchange's
 * zone), every price and dividend is adjusted for the splits listed, Adj Close for the dividends
 * listed, and today's bar exists only once the session has opened, moving until the close.
 */
import { addDays } from "../../src/api/validation";
import { dateInZone } from "../../src/server/exchangeCalendar";
import { FakeYahoo } from "./fakeYahoo";

type Json = Record<string, any>;

export interface Listing {
  symbol: string;
  timezone: string;
  currency: string;
  /** Local session times, "HH:MM". */
  open: string;
  close: string;
  /** First and last trading dates of the hand-made series. */
  from: string;
  to: string;
  splits: [string, number][];
  /** Cash per share as paid on the ex-date. */
  dividends: [string, number][];
  /** Weekdays on which the exchange is shut. */
  holidays: string[];
  seed: number;
}

interface TradedBar {
  date: string;
  /** Session open and close instants (ms). */
  opensAt: number;
  closesAt: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The instant of a local wall-clock time in `zone` (two passes settle any offset change). */
export function zonedInstant(date: string, time: string, zone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let format = wallClocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    wallClocks.set(zone, format);
  }
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const parts = format.formatToParts(new Date(guess));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    const seen = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"));
    guess += wall - seen;
  }
  return guess;
}

function tradingDays(listing: Listing): string[] {
  const days: string[] = [];
  for (let d = listing.from; d <= listing.to; d = addDays(d, 1)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !listing.holidays.includes(d)) days.push(d);
  }
  return days;
}

/** Prices as traded: a seeded walk in cents, divided by the split ratio from each split on. */
function tradedBars(listing: Listing): TradedBar[] {
  let state = listing.seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  let level = 90 + 30 * random();
  return tradingDays(listing).map((date) => {
    level *= 1 + (random() - 0.5) * 0.04;
    let shares = 1;
    for (const [d, ratio] of listing.splits) if (d <= date) shares *= ratio;
    const cents = (v: number) => Math.round((v / shares) * 100) / 100;
    const close = cents(level);
    const open = cents(level * (1 + (random() - 0.5) * 0.01));
    return {
      date,
      opensAt: zonedInstant(date, listing.open, listing.timezone),
      closesAt: zonedInstant(date, listing.close, listing.timezone),
      open,
      high: Math.max(open, close) + 0.25,
      low: Math.min(open, close) - 0.25,
      close,
      volume: Math.round(1e6 * (1 + random()) * shares),
    };
  });
}

export class TimeTravelYahoo extends FakeYahoo {
  readonly clock = { now: 0 };
  private readonly traded = new Map<string, TradedBar[]>();

  constructor(readonly listings: Listing[]) {
    super();
    for (const listing of listings) this.traded.set(listing.symbol, tradedBars(listing));
    const chartNow = (symbol: string) => this.chartNow(symbol);
    this.charts = new Proxy({} as Record<string, Json>, {
      get: (_target, symbol) => (typeof symbol === "string" ? chartNow(symbol) : undefined),
    });
  }

  /** The close as traded on a date (no adjustment). */
  tradedClose(symbol: string, date: string): number {
    const bar = this.traded.get(symbol)?.find((b) => b.date === date);
    if (!bar) throw new Error(`no ${symbol} bar on ${date}`);
    return bar.close;
  }

  listing(symbol: string): Listing {
    const found = this.listings.find((l) => l.symbol === symbol);
    if (!found) throw new Error(`no listing ${symbol}`);
    return found;
  }

  /** The whole chart as Yahoo would send it at `clock.now` (the base class slices it to the period asked). */
  chartNow(symbol: string): Json | undefined {
    const listing = this.listings.find((l) => l.symbol === symbol);
    if (!listing) return undefined;
    const now = this.clock.now;
    const zone = listing.timezone;
    const today = dateInZone(now, zone);
    const splits = listing.splits.filter(([d]) => d <= today);
    const dividends = listing.dividends.filter(([d]) => d <= today);
    const after = (date: string) => splits.filter(([d]) => d > date).reduce((f, [, r]) => f * r, 1);

    const bars: (TradedBar & { stamp: number })[] = [];
    for (const bar of this.traded.get(symbol) ?? []) {
      if (bar.date > today) break;
      const { opensAt, closesAt } = bar;
      if (bar.date === today && now < opensAt) break;
      if (bar.date === today && now < closesAt) {
        // Mid-session: the price so far, moving with the minute.
        const progress = (now - opensAt) / (closesAt - opensAt);
        const close = Math.round((bar.open + (bar.close - bar.open) * progress + ((now / 60_000) % 7) * 0.01) * 100) / 100;
        bars.push({
          ...bar,
          close,
          high: Math.max(bar.high, close),
          low: Math.min(bar.low, close),
          volume: Math.round(bar.volume * progress),
          stamp: opensAt,
        });
      } else {
        bars.push({ ...bar, stamp: opensAt });
      }
    }
    const closes = bars.map((b) => b.close / after(b.date));
    // Each dividend's factor against the close before its ex-date, as Yahoo builds Adj Close.
    const dividendFactors = dividends.map(([d, paid]) => {
      let prev = -1;
      while (prev + 1 < bars.length && bars[prev + 1].date < d) prev++;
      return { date: d, factor: prev < 0 ? 1 : 1 - paid / after(d) / closes[prev] };
    });
    const factors = bars.map((b) => dividendFactors.reduce((f, v) => (v.date > b.date ? f * v.factor : f), 1));
    const meta = {
      currency: listing.currency,
      symbol,
      exchangeName: "TT",
      instrumentType: "EQUITY",
      exchangeTimezoneName: zone,
      timezone: "X",
      gmtoffset: 0,
      regularMarketPrice: closes[closes.length - 1] ?? 0,
      dataGranularity: "1d",
      range: "",
      validRanges: ["1d", "5d", "1mo", "3mo", "6mo", "1y", "max"],
    };
    const stampOf = (d: string) =>
      (this.traded.get(symbol)?.find((b) => b.date >= d)?.opensAt ?? zonedInstant(d, listing.open, zone)) / 1000;
    return {
      chart: {
        result: [
          {
            meta,
            timestamp: bars.map((b) => b.stamp / 1000),
            events: {
              dividends: Object.fromEntries(
                dividends.map(([d, paid]) => [String(stampOf(d)), { amount: paid / after(d), date: stampOf(d) }]),
              ),
              splits: Object.fromEntries(
                splits.map(([d, r]) => [
                  String(stampOf(d)),
                  { date: stampOf(d), numerator: r, denominator: 1, splitRatio: `${r}:1` },
                ]),
              ),
            },
            indicators: {
              quote: [
                {
                  open: bars.map((b) => b.open / after(b.date)),
                  high: bars.map((b) => b.high / after(b.date)),
                  low: bars.map((b) => b.low / after(b.date)),
                  close: closes,
                  volume: bars.map((b) => b.volume * after(b.date)),
                },
              ],
              adjclose: [{ adjclose: closes.map((c, i) => c * factors[i]) }],
            },
          },
        ],
        error: null,
      },
    };
  }
}

/** Four markets, each with a 3-for-1 split and quarterly dividends inside the first half of 2024. */
export const LISTINGS: Listing[] = [
  {
    symbol: "TTN",
    timezone: "America/New_York",
    currency: "USD",
    open: "09:30",
    close: "16:00",
    from: "2023-11-01",
    to: "2024-06-28",
    splits: [["2024-03-11", 3]],
    dividends: [
      ["2023-12-15", 0.6],
      ["2024-02-09", 0.62],
      ["2024-05-10", 0.22],
    ],
    holidays: ["2024-01-15", "2024-02-19", "2024-05-27"],
    seed: 11,
  },
  {
    symbol: "TTH.HK",
    timezone: "Asia/Hong_Kong",
    currency: "HKD",
    open: "09:30",
    close: "16:00",
    from: "2023-11-01",
    to: "2024-06-28",
    splits: [["2024-04-02", 3]],
    dividends: [
      ["2024-01-04", 1.1],
      ["2024-03-28", 1.2],
      ["2024-06-06", 0.4],
    ],
    holidays: ["2024-02-12", "2024-02-13", "2024-03-29", "2024-04-01", "2024-04-04"],
    seed: 23,
  },
  {
    symbol: "TTB.DE",
    timezone: "Europe/Berlin",
    currency: "EUR",
    open: "09:00",
    close: "17:30",
    from: "2023-11-01",
    to: "2024-06-28",
    splits: [["2024-02-26", 3]],
    dividends: [
      ["2024-01-25", 0.9],
      ["2024-04-25", 0.31],
      ["2024-06-20", 0.3],
    ],
    holidays: ["2024-03-29", "2024-04-01", "2024-05-01"],
    seed: 37,
  },
  {
    symbol: "TTS.AX",
    timezone: "Australia/Sydney",
    currency: "AUD",
    open: "10:00",
    close: "16:00",
    from: "2023-11-01",
    to: "2024-06-28",
    splits: [["2024-05-06", 3]],
    dividends: [
      ["2024-02-21", 0.75],
      ["2024-04-10", 0.8],
      ["2024-06-12", 0.27],
    ],
    holidays: ["2024-01-26", "2024-03-29", "2024-04-01", "2024-04-25"],
    seed: 41,
  },
];
