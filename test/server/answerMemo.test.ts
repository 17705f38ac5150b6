/**
 * History and closes answers kept as sent: a repeated question is answered from memory, but a
 * changed file, a changed events file or an answer resting on today's unfinished bar never is.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import Fastify, { type FastifyInstance } from "fastify";
import { AnswerMemo, SYNC_COMPRESSION_BYTES, chooseEncoding, encodeAnswer } from "../../src/server/answerMemo";
import { BROTLI_QUALITY, GZIP_LEVEL } from "../../src/server/compression";
import { setVersion } from "../../src/server/answerVersion";
import { buildApp } from "../../src/server/app";
import { MarketService } from "../../src/server/marketService";
import { CsvProvider } from "../../src/server/providers/csvProvider";
import { Harness, makeHarness, tempDir } from "./serviceHarness";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawPayload: Buffer;
  payload: string;
}

/** A GET to the app on a real connection, keeping the body's bytes as sent. */
async function fetchFrom(app: FastifyInstance, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  if (!app.server.listening) await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: url, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const rawPayload = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, rawPayload, payload: rawPayload.toString("utf8") });
        });
      })
      .on("error", reject);
  });
}

describe("choosing the answer's encoding", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["gzip, br", "br"],
    ["br;q=0, gzip", "gzip"],
    ["gzip;q=0.5", "gzip"],
    ["identity", undefined],
    ["deflate", undefined],
    ["*", "br"],
    ["*;q=0, gzip", "gzip"],
    ["br;q=0", undefined],
    ["x-gzip", "gzip"],
  ])("accept-encoding %p → %p", (accept, expected) => {
    expect(chooseEncoding(accept)).toBe(expected);
  });
});

function priceFile(closeOf: (i: number) => number, days = 400): string {
  const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  for (let i = 0; i < days; i++) {
    const date = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},1,2,0.5,${closeOf(i)},${closeOf(i)},100`);
  }
  return `${lines.join("\n")}\n`;
}

describe("answers from a CSV folder", () => {
  let dir: string;
  let app: FastifyInstance;
  let memo: AnswerMemo;
  let mtime = Date.UTC(2024, 0, 1) / 1000;

  /** Writes a file with a modification time later than any before, as a real edit would have. */
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    mtime += 60;
    fs.utimesSync(file, mtime, mtime);
  };
  const get = (url: string, encoding = "br, gzip") => fetchFrom(app, url, { "accept-encoding": encoding });
  const json = (res: Answer) => {
    const encoding = res.headers["content-encoding"];
    const raw =
      encoding === "br"
        ? zlib.brotliDecompressSync(res.rawPayload)
        : encoding === "gzip"
          ? zlib.gunzipSync(res.rawPayload)
          : res.rawPayload;
    return JSON.parse(raw.toString("utf8"));
  };

  beforeEach(() => {
    dir = tempDir("aichain-answer-memo-");
    write(
      "AAA.csv",
      priceFile((i) => 100 + i),
    );
    write(
      "BBB.csv",
      priceFile((i) => 50 + i / 2),
    );
    memo = new AnswerMemo();
    app = buildApp({ service: new MarketService({ provider: new CsvProvider(dir) }), answerMemo: memo });
  });
  afterEach(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const history = "/api/v1/history?symbols=AAA,BBB&start=2020-01-01&end=2020-12-31";

  it("answers a repeated history request from memory, the same JSON in every encoding", async () => {
    const first = await get(history);
    expect(first.headers["content-encoding"]).toBe("br");
    const second = await get(history);
    expect(memo).toMatchObject({ made: 1, hits: 1 });
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    const plain = await get(history, "identity");
    const gzip = await get(history, "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(json(first)).toEqual(json(plain));
    expect(json(gzip)).toEqual(json(plain));
    expect(json(plain).series.AAA.rows).toHaveLength(366);
    expect(json(plain).series.BBB.rows[365][4]).toBe(50 + 365 / 2);
  });

  it("answers a repeated stats request from memory until a file it read changes", async () => {
    const stats = "/api/v1/stats?items=AAA:volatility:2020-02-03:2020-11-30,BBB:maxdrawdown:2020-03-02";
    const first = json(await get(stats));
    expect(json(await get(stats))).toEqual(first);
    expect(memo).toMatchObject({ made: 1, hits: 1 });
    write(
      "BBB.csv",
      priceFile((i) => 70 - i / 10),
    );
    const after = json(await get(stats));
    expect(memo).toMatchObject({ made: 2, hits: 1 });
    expect(after.results[0]).toEqual(first.results[0]);
    expect(after.results[1]).not.toEqual(first.results[1]);
  });

  it("makes the answer again when a file changes", async () => {
    await get(history);
    write(
      "BBB.csv",
      priceFile((i) => 70 + i),
    );
    const after = json(await get(history));
    expect(after.series.BBB.rows[0][4]).toBe(70);
    expect(memo).toMatchObject({ made: 2, hits: 0 });
  });

  it("makes the answer again when the events file changes", async () => {
    await get(history);
    write("events.csv", "Symbol,Date,Dividend,Split\nAAA,2020-06-01,1.5,\n");
    const after = json(await get(history));
    expect(after.series.AAA.dividends).toEqual([["2020-06-01", 1.5]]);
    expect(memo.hits).toBe(0);
  });

  it("keeps columnar answers apart from row answers", async () => {
    const columns = json(await get(`${history}&format=columns&fields=close`));
    const rows = json(await get(history));
    expect(columns.format).toBe("columns");
    expect(columns.series.AAA.columns.close).toEqual(rows.series.AAA.rows.map((r: unknown[]) => r[4]));
    expect(memo).toMatchObject({ made: 2, hits: 0 });
  });

  it("answers a repeated closes request from memory, and afresh after a change", async () => {
    const url = "/api/v1/closes?symbols=AAA,BBB&dates=2020-03-01,latest";
    const first = json(await get(url));
    expect(first.series.AAA.closes).toEqual([
      ["2020-03-01", 160, 160],
      ["2021-02-03", 499, 499],
    ]);
    expect(json(await get(url))).toEqual(first);
    expect(memo).toMatchObject({ made: 1, hits: 1 });
    write(
      "AAA.csv",
      priceFile((i) => 1000 + i),
    );
    expect(json(await get(url)).series.AAA.closes[0]).toEqual(["2020-03-01", 1060, 1060]);
    expect(memo.made).toBe(2);
  });

  it("keeps errors in what an answer was made from", async () => {
    const url = "/api/v1/history?symbols=AAA,CCC&start=2020-01-01&end=2020-12-31";
    expect(json(await get(url)).errors.CCC.code).toBe("unknown_symbol");
    write(
      "CCC.csv",
      priceFile((i) => 5 + i),
    );
    const after = json(await get(url));
    expect(after.errors).toEqual({});
    expect(after.series.CCC.rows[0][4]).toBe(5);
  });
});

describe("answers through the market cache", () => {
  let h: Harness;
  let app: FastifyInstance;
  let memo: AnswerMemo;

  beforeEach(() => {
    h = makeHarness();
    memo = new AnswerMemo();
    app = buildApp({ service: h.service, answerMemo: memo, now: () => h.clock.now });
  });
  afterEach(async () => {
    await app.close();
    h.close();
  });

  it("reuses an answer of closed days, and never one resting on today's unfinished bar", async () => {
    const closed = "/api/v1/history?symbols=SOXX&start=2024-01-02&end=2024-01-09";
    const fetched = await fetchFrom(app, closed);
    expect(JSON.parse(fetched.payload).series.SOXX.source).toBe("yahoo");
    // The second answer says it came from the cache, so it is a different answer; the third is the second again.
    const cached = await fetchFrom(app, closed);
    expect(JSON.parse(cached.payload).series.SOXX.source).toBe("cache");
    expect((await fetchFrom(app, closed)).payload).toBe(cached.payload);
    expect(memo).toMatchObject({ made: 2, hits: 1 });

    h.clock.now = Date.UTC(2024, 0, 19, 18); // 2024-01-19 is still trading in New York
    const today = "/api/v1/history?symbols=SOXX&start=2024-01-16&end=2024-01-19";
    await fetchFrom(app, today);
    await fetchFrom(app, today);
    expect(memo).toMatchObject({ made: 4, hits: 1 });
  });
});

describe("encodeAnswer", () => {
  it.each(["br", "gzip"] as const)(
    "compresses small answers here and large ones on the thread pool to the same %s bytes",
    async (encoding) => {
      const row = (i: number) => `["2024-01-${String((i % 28) + 1).padStart(2, "0")}",${100 + i / 7},${90 + i / 11}]`;
      for (const rows of [10, Math.ceil(SYNC_COMPRESSION_BYTES / 30), Math.ceil((SYNC_COMPRESSION_BYTES * 3) / 30)]) {
        const text = `[${Array.from({ length: rows }, (_, i) => row(i)).join(",")}]`;
        const body = await encodeAnswer(text, encoding);
        const plain = encoding === "br" ? zlib.brotliDecompressSync(body) : zlib.gunzipSync(body);
        expect(plain.toString("utf8")).toBe(text);
        // Either way, the bytes are what the one-call compression of the same text gives.
        const input = Buffer.from(text, "utf8");
        const expected =
          encoding === "br"
            ? zlib.brotliCompressSync(input, {
                params: {
                  [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
                  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length,
                },
              })
            : zlib.gzipSync(input, { level: GZIP_LEVEL });
        expect(body.equals(expected)).toBe(true);
      }
    },
  );
});

describe("what an answer was made from", () => {
  it("is the same whichever order the reads came back in, and differs when a series does", async () => {
    const memo = new AnswerMemo();
    const app = Fastify();
    const a = setVersion({}, "csv:AAA|1");
    const b = setVersion({}, "csv:BBB|1");
    const changed = setVersion({}, "csv:BBB|2");
    const orders = [
      { series: [a, b], errors: [{ X: 1 }, "2024-01-02"] },
      { series: [b, a], errors: ["2024-01-02", { X: 1 }] },
      { series: [changed, a], errors: ["2024-01-02", { X: 1 }] },
    ];
    let call = 0;
    app.get("/answer", (request, reply) => memo.send(request, reply, orders[call++], () => `{"call":${call}}`));
    try {
      const bodies = [];
      for (let i = 0; i < orders.length; i++) bodies.push((await fetchFrom(app, "/answer")).payload);
      expect(bodies).toEqual(['{"call":1}', '{"call":1}', '{"call":3}']);
      expect(memo).toMatchObject({ made: 2, hits: 1 });
    } finally {
      await app.close();
    }
  });
});
