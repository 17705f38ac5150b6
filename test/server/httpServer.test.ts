import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { RunningServer, startServer } from "../../src/server/startServer";
import { tempDir } from "./serviceHarness";

let root: string;
let server: RunningServer;

/** A raw GET, so paths such as /../x reach the server exactly as written. */
function rawGet(
  url: string,
  rawPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: "GET", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  root = tempDir("aichain-http-");
  const csvDir = path.join(root, "csv");
  const distDir = path.join(root, "dist");
  fs.mkdirSync(csvDir);
  fs.mkdirSync(distDir);
  fs.writeFileSync(path.join(root, "secret.txt"), "TOP-SECRET");
  fs.writeFileSync(path.join(distDir, "taskpane.html"), "<html>AICHAIN task pane</html>");
  fs.writeFileSync(path.join(distDir, ".env"), "HIDDEN=1");
  fs.writeFileSync(
    path.join(csvDir, "SOXX.csv"),
    ["Date,Open,High,Low,Close,Adj Close,Volume", "2024-01-02,10,11,9,10.5,10.4,300", "2024-01-03,11,12,10,11.5,11.4,400"].join(
      "\n",
    ),
  );
  server = await startServer({
    http: true,
    port: 0,
    provider: "csv",
    csvDir,
    distDir,
    allowedOrigins: ["https://proxy.example"],
  });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const statuses: number[] = [];
async function get(pathAndQuery: string, headers: Record<string, string> = {}) {
  const response = await rawGet(server.url, pathAndQuery, headers);
  statuses.push(response.status);
  return { ...response, json: () => JSON.parse(response.body) as Record<string, any> };
}

describe("the running service over HTTP", () => {
  it("listens on 127.0.0.1 on a free port", () => {
    expect(server.host).toBe("127.0.0.1");
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it("answers history with the file's rows", async () => {
    const res = await get("/api/v1/history?symbols=soxx&start=2024-01-01&end=2024-01-31");
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      series: {
        SOXX: {
          currency: "USD",
          source: "csv",
          stale: false,
          rows: [
            ["2024-01-02", 10, 11, 9, 10.5, 10.4, 300],
            ["2024-01-03", 11, 12, 10, 11.5, 11.4, 400],
          ],
        },
      },
      errors: {},
    });
  });

  it("puts an unknown symbol in errors inside a 200", async () => {
    const res = await get("/api/v1/history?symbols=SOXX,NVDA&start=2024-01-01&end=2024-01-31");
    expect(res.status).toBe(200);
    expect(res.json().errors.NVDA.code).toBe("unknown_symbol");
    expect(Object.keys(res.json().series)).toEqual(["SOXX"]);
  });

  it("answers quote and health, and fund with a reason", async () => {
    expect((await get("/api/v1/quote?symbols=SOXX")).json().quotes.SOXX.price).toBe(11.5);
    expect((await get("/api/v1/health")).json()).toEqual({ provider: "csv", upstream: "ok", cache: { entries: 0, path: "" } });
    const fund = await get("/api/v1/fund?symbol=SOXX");
    expect(fund.status).toBe(404);
    expect(fund.json().error.code).toBe("no_data");
  });

  const symbols51 = Array.from({ length: 51 }, (_, i) => `S${i}`).join(",");
  it.each([
    ["a bad symbol", "/api/v1/history?symbols=SO%20XX&start=2024-01-01&end=2024-01-31", /not a valid symbol/],
    ["51 symbols", `/api/v1/history?symbols=${symbols51}&start=2024-01-01&end=2024-01-31`, /At most 50 symbols/],
    ["a bad date", "/api/v1/history?symbols=SOXX&start=2024-02-30&end=2024-03-31", /not a real calendar date/],
    ["a date in another format", "/api/v1/history?symbols=SOXX&start=01/02/2024", /YYYY-MM-DD/],
    ["start after end", "/api/v1/history?symbols=SOXX&start=2024-02-01&end=2024-01-01", /after end/],
    ["a huge range", "/api/v1/history?symbols=SOXX&start=1970-01-01&end=2999-12-31", /at most/],
    ["an unknown parameter", "/api/v1/history?symbols=SOXX&start=2024-01-01&foo=1", /Unknown query parameter "foo"/],
    ["a repeated parameter", "/api/v1/history?symbols=SOXX&symbols=QQQ&start=2024-01-01", /must be given once/],
    ["a missing parameter", "/api/v1/history?symbols=SOXX", /Missing query parameter "start"/],
    ["a bad interval", "/api/v1/history?symbols=SOXX&start=2024-01-01&interval=2d", /interval/],
    ["an overlong symbol list", `/api/v1/quote?symbols=${"A".repeat(5000)}`, /too long/],
    ["a quote without symbols", "/api/v1/quote?symbols=", /At least one symbol/],
    ["a fund with a bad symbol", "/api/v1/fund?symbol=../../etc", /not a valid symbol/],
    ["health with a parameter", "/api/v1/health?x=1", /Unknown query parameter/],
  ])("refuses %s with a 400 and a reason", async (_name, url, message) => {
    const res = await get(url);
    expect(res.status).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(message);
    expect(res.body).not.toMatch(/at .*\.ts:\d+|stack/i);
  });

  it("answers an unknown API route with a JSON 404", async () => {
    const res = await get("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.json().error.message).toMatch(/No such API route/);
  });

  it("serves the built add-in", async () => {
    const page = await get("/taskpane.html");
    expect(page.status).toBe(200);
    expect(page.body).toContain("AICHAIN task pane");
    const home = await get("/");
    expect(home.status).toBe(302);
    expect(home.headers.location).toBe("/taskpane.html");
  });

  it.each([
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/..%2fsecret.txt",
    "/..%5csecret.txt",
    "/taskpane.html/../../secret.txt",
    "/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/%252e%252e/secret.txt",
    "/.env",
  ])("serves nothing outside dist/ or hidden for %s", async (rawPath) => {
    const res = await get(rawPath);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).not.toContain("TOP-SECRET");
    expect(res.body).not.toContain("HIDDEN");
  });

  it("allows CORS for its own origin and configured ones only", async () => {
    const own = await get("/api/v1/health", { origin: server.url });
    expect(own.headers["access-control-allow-origin"]).toBe(server.url);
    const proxy = await get("/api/v1/health", { origin: "https://proxy.example" });
    expect(proxy.headers["access-control-allow-origin"]).toBe("https://proxy.example");
    const evil = await get("/api/v1/health", { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(evil.headers["access-control-allow-origin"]).toBeUndefined();
    const lookalike = await get("/api/v1/health", { origin: `${server.url}.evil.example` });
    expect(lookalike.status).toBe(403);
  });

  it("answers an allowed preflight", async () => {
    const { hostname, port } = new URL(server.url);
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.request(
        {
          hostname,
          port,
          path: "/api/v1/history",
          method: "OPTIONS",
          headers: { origin: server.url, "access-control-request-method": "GET" },
        },
        resolve,
      );
      req.on("error", reject);
      req.end();
    });
    res.resume();
    expect(res.statusCode).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(server.url);
    expect(res.headers["access-control-allow-methods"]).toContain("GET");
  });

  it("survives malformed URLs without a 500", async () => {
    for (const rawPath of [
      "/api/v1/history?symbols=%E0%A4%A&start=2024-01-01",
      "/%",
      "/api/v1/history?%%%",
      "/api/v1/quote?symbols=%00",
    ]) {
      const res = await get(rawPath);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it("never answered with a 500 in any of the above", () => {
    expect(statuses.length).toBeGreaterThan(30);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
