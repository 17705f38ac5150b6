/**
 * A generated Yahoo-shaped chart upstream behind an injected fetch, for benchmarks: weekday
 * bars at 14:30 UTC priced by a deterministic curve, an optional delay, and a call counter.
 */
const DAY = 86_400;

export function syntheticChart(symbol: string, period1: number, period2: number) {
  const timestamp: number[] = [];
  const close: number[] = [];
  for (let t = Math.floor(period1 / DAY) * DAY + 14.5 * 3600; t < period2; t += DAY) {
    const weekday = new Date(t * 1000).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    timestamp.push(t);
    close.push(100 + 10 * Math.sin(t / (DAY * 30)) + symbol.length);
  }
  return {
    chart: {
      result: [
        {
          meta: {
            currency: "USD",
            symbol,
            exchangeTimezoneName: "America/New_York",
            timezone: "EST",
            gmtoffset: -18000,
            dataGranularity: "1d",
          },
          timestamp,
          indicators: {
            quote: [
              {
                open: close,
                high: close.map((c) => c + 1),
                low: close.map((c) => c - 1),
                close,
                volume: close.map(() => 1_000_000),
              },
            ],
            adjclose: [{ adjclose: close }],
          },
        },
      ],
      error: null,
    },
  };
}

export function fakeUpstream(delayMs: number) {
  const counter = { chart: 0 };
  const fetch = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const symbol = decodeURIComponent(url.pathname.split("/").pop() ?? "");
    counter.chart++;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const body = syntheticChart(symbol, Number(url.searchParams.get("period1")), Number(url.searchParams.get("period2")));
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { fetch, counter };
}
