/**
 * Limits and defaults the guides quote, read from the guides' own sentences and compared with the
 * constants the code uses: a changed limit or a reworded sentence that drops the figure fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { CLOSES_LIMITS, STATS_LIMITS, LIMITS } from "../../src/api/contract";
import { DEFAULT_STATS_ENTRIES } from "../../src/client/statsStore";
import { DEFAULT_TIMEOUT_MS } from "../../src/client";
import { DEFAULT_HISTORY_CACHE_BYTES, MAX_BARS_PER_REQUEST } from "../../src/client/historyStore";
import { marketSettings } from "../../src/functions/marketSettings";
import { ANSWER_MEMO_BYTES } from "../../src/server/answerMemo";
import { DEFAULT_BREAKER, DEFAULT_RATE } from "../../src/server/coordination/coordination";
import { DEFAULT_CSV_CACHE_BYTES } from "../../src/server/providers/csvProvider";
import { DEFAULT_HOST, DEFAULT_PORT } from "../../src/server/startServer";

const ROOT = path.join(__dirname, "..", "..");
/** The guide as one line of prose, so a sentence wrapped across lines still matches. */
const prose = (file: string): string => fs.readFileSync(path.join(ROOT, file), "utf8").replace(/\s+/g, " ");
const WORDS: Record<string, number> = { two: 2, three: 3, five: 5, ten: 10 };
const MB = 1024 * 1024;

/** [guide, a sentence with one figure captured, what the code uses] */
const FIGURES: [string, RegExp, number][] = [
  ["docs/data-service.md", /`--host H` \| `AICHAIN_HOST` \| `([\d.]+)`/, Number.NaN], // checked below as text
  ["docs/data-service.md", /`--port N` \| `AICHAIN_PORT` \| `(\d+)`/, DEFAULT_PORT],
  ["docs/data-service.md", /at most (\d+) characters, at most \d+ per request/, LIMITS.maxSymbolLength],
  ["docs/data-service.md", /at most \d+ characters, at most (\d+) per request/, LIMITS.maxSymbolsPerRequest],
  ["docs/data-service.md", /at most about (\d+) years apart/, Math.round(LIMITS.maxRangeDays / 366)],
  ["docs/data-service.md", /At most (\d+) dates per request/, CLOSES_LIMITS.maxDatesPerRequest],
  ["docs/data-service.md", /At most (\d+) items over/, STATS_LIMITS.maxItemsPerRequest],
  ["docs/data-service.md", /up to (\d+)\s+pairs over at most \d+ symbols per request/, CLOSES_LIMITS.maxItemsPerRequest],
  ["docs/data-service.md", /up to \d+\s+pairs over at most (\d+) symbols per request/, LIMITS.maxSymbolsPerRequest],
  ["docs/functions.md", /at most (\d+) pairs over \d+ symbols per request/, CLOSES_LIMITS.maxItemsPerRequest],
  ["docs/data-service.md", /items over\s+at most (\d+) symbols per request/, LIMITS.maxSymbolsPerRequest],
  ["docs/data-service.md", /(\d+) a second after a burst of \d+ by default/, DEFAULT_RATE.perSecond],
  ["docs/data-service.md", /\d+ a second after a burst of (\d+) by default/, DEFAULT_RATE.burst],
  ["docs/data-service.md", /After (\w+) failed calls in a row/, DEFAULT_BREAKER.threshold],
  ["docs/data-service.md", /stops calling Yahoo for (\d+) seconds/, DEFAULT_BREAKER.cooldownMs / 1000],
  ["docs/data-service.md", /\| parsed CSV files \| (\d+) MB in all/, DEFAULT_CSV_CACHE_BYTES / MB],
  ["docs/data-service.md", /\| history and closes answers kept as sent \| (\d+) MB/, ANSWER_MEMO_BYTES / MB],
  ["docs/functions.md", /No answer within (\d+) seconds/, DEFAULT_TIMEOUT_MS / 1000],
  ["docs/functions.md", /refreshed every (\d+) seconds while the cell exists/, marketSettings.pricePollMs / 1000],
  ["docs/functions.md", /closes and adjusted closes at most (\d+) MB/, DEFAULT_HISTORY_CACHE_BYTES.closes / MB],
  ["docs/functions.md", /histories with every field at most (\d+) MB/, DEFAULT_HISTORY_CACHE_BYTES.all / MB],
  ["docs/functions.md", /at most about ([\d,]+) bars of rows/, MAX_BARS_PER_REQUEST.all],
  ["docs/functions.md", /or ([\d,]+) days of closes/, MAX_BARS_PER_REQUEST.closes],
  ["docs/functions.md", /dates go out in runs of (\d+)/, CLOSES_LIMITS.maxDatesPerRequest],
  ["docs/functions.md", /\(up to (\d+) per request\)/, LIMITS.maxSymbolsPerRequest],
  ["docs/functions.md", /at most (\d+) windows over \d+ symbols a request/, STATS_LIMITS.maxItemsPerRequest],
  ["docs/functions.md", /at most \d+ windows over (\d+) symbols a request/, LIMITS.maxSymbolsPerRequest],
  ["docs/functions.md", /at most ([\d,]+) of them; one that reaches today/, DEFAULT_STATS_ENTRIES],
];

describe("figures quoted in the guides", () => {
  test.each(FIGURES.filter(([, , value]) => !Number.isNaN(value)))("%s: %s is what the code uses", (guide, sentence, value) => {
    const found = sentence.exec(prose(guide));
    expect({ sentence: String(sentence), found: found !== null }).toEqual({ sentence: String(sentence), found: true });
    const figure = found![1].toLowerCase();
    expect(WORDS[figure] ?? Number(figure.replace(/,/g, ""))).toBe(value);
  });

  test("the documented default address is the one the service listens on", () => {
    expect(FIGURES[0][1].exec(prose("docs/data-service.md"))?.[1]).toBe(DEFAULT_HOST);
  });
});
