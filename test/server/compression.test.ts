/** Compressed API answers and add-in files, with validators for the files. */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { RunningServer, startServer } from "../../src/server/startServer";
import { tempDir } from "./serviceHarness";

let root: string;
let server: RunningServer;
const script = `// the task pane's script\n${Array.from({ length: 4000 }, (_, i) => `export const value${i} = ${i};`).join("\n")}\n`;

/** A raw GET that keeps the body's bytes as sent (fetch would decompress them). */
function rawGet(
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: pathAndQuery, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

beforeAll(async () => {
  root = tempDir("aichain-compress-");
  const csvDir = path.join(root, "csv");
  const distDir = path.join(root, "dist");
  fs.mkdirSync(csvDir);
  fs.mkdirSync(distDir);
  const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  for (let i = 0; i < 600; i++) {
    const date = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${date},${100 + i},${101 + i},${99 + i},${100.5 + i},${100.25 + i},${1000 + i}`);
  }
  fs.writeFileSync(path.join(csvDir, "SOXX.csv"), lines.join("\n"));
  fs.writeFileSync(path.join(distDir, "taskpane.js"), script);
  fs.writeFileSync(path.join(distDir, "tiny.txt"), "ok");
  server = await startServer({ http: true, port: 0, provider: "csv", csvDir, distDir });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const history = "/api/v1/history?symbols=SOXX&start=2020-01-01&end=2021-12-31";

describe("compression", () => {
  it("sends API answers with brotli when accepted, and the same JSON underneath", async () => {
    const plain = await rawGet(history);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const br = await rawGet(history, { "accept-encoding": "gzip, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(JSON.parse(zlib.brotliDecompressSync(br.bytes).toString("utf8"))).toEqual(JSON.parse(plain.bytes.toString("utf8")));
  });

  it("falls back to gzip", async () => {
    const gz = await rawGet(history, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(zlib.gunzipSync(gz.bytes).toString("utf8")).series.SOXX.rows).toHaveLength(600);
  });

  it("compresses the add-in's files and lets a browser revalidate them with a 304", async () => {
    const first = await rawGet("/taskpane.js", { "accept-encoding": "gzip" });
    expect(first.status).toBe(200);
    expect(first.headers["content-encoding"]).toBe("gzip");
    expect(first.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(zlib.gunzipSync(first.bytes).toString("utf8")).toBe(script);
    expect(first.bytes.length).toBeLessThan(script.length / 3);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(first.headers["cache-control"]).toBe("no-cache");

    const again = await rawGet("/taskpane.js", { "accept-encoding": "gzip", "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);

    // A rebuild changes the validator, so the old copy is not reused.
    fs.writeFileSync(path.join(root, "dist", "taskpane.js"), `${script}// rebuilt\n`);
    const rebuilt = await rawGet("/taskpane.js", { "if-none-match": etag });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.bytes.toString("utf8")).toBe(`${script}// rebuilt\n`);
  });

  it("leaves small answers alone", async () => {
    const tiny = await rawGet("/tiny.txt", { "accept-encoding": "br, gzip" });
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.bytes.toString("utf8")).toBe("ok");
  });
});
