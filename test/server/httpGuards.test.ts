import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { RunningServer, startServer } from "../../src/server/startServer";
import { tempDir } from "./serviceHarness";

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  json(): Record<string, any>;
}

function rawGet(server: RunningServer, rawPath: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: "127.0.0.1", port: server.port, path: rawPath, method: "GET", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers, json: () => JSON.parse(body) as Record<string, any> }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** Bytes straight onto the socket, for requests Node's HTTP client would refuse to send. */
function rawBytes(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(bytes));
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

let root: string;
let server: RunningServer;
let unbuilt: RunningServer;
const NOW = Date.UTC(2024, 0, 10, 12);

beforeAll(async () => {
  root = tempDir("aichain-guards-");
  const csvDir = path.join(root, "csv");
  const distDir = path.join(root, "dist");
  const outside = path.join(root, "outside");
  fs.mkdirSync(csvDir);
  fs.mkdirSync(distDir);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, "secret.txt"), "TOP-SECRET");
  fs.writeFileSync(path.join(distDir, "taskpane.html"), "<html>AICHAIN task pane</html>");
  fs.symlinkSync(path.join(outside, "secret.txt"), path.join(distDir, "leak.txt"));
  fs.symlinkSync(outside, path.join(distDir, "assets"));
  fs.symlinkSync(path.join(distDir, "taskpane.html"), path.join(distDir, "alias.html"));
  fs.writeFileSync(path.join(csvDir, "SOXX.csv"), "Date,Close\n2024-01-02,10.5\n");
  server = await startServer({
    http: true,
    port: 0,
    provider: "csv",
    csvDir,
    distDir,
    allowedOrigins: ["https://proxy.example"],
    now: () => NOW,
  });
  unbuilt = await startServer({ http: true, port: 0, provider: "csv", csvDir, distDir: path.join(root, "no-dist") });
});
afterAll(async () => {
  await server.close();
  await unbuilt.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("who may talk to the service", () => {
  it("refuses a DNS-rebinding page whose Host and Origin agree with each other but not with the service", async () => {
    const foreign = `evil.example:${server.port}`;
    for (const route of ["/api/v1/health", "/taskpane.html", "/", "/nothing-here"]) {
      const res = await rawGet(server, route, { host: foreign, origin: `http://${foreign}` });
      expect(res.status).toBe(403);
      expect(res.json().error.code).toBe("forbidden");
      expect(res.body).not.toContain("AICHAIN task pane");
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    }
    expect((await rawGet(server, "/taskpane.html", { host: foreign })).status).toBe(403);
  });

  it("answers its own names at the port it bound, and a configured proxy's", async () => {
    for (const host of [
      `localhost:${server.port}`,
      `127.0.0.1:${server.port}`,
      `[::1]:${server.port}`,
      `LOCALHOST:${server.port}`,
      "proxy.example",
    ]) {
      expect([host, (await rawGet(server, "/api/v1/health", { host })).status]).toEqual([host, 200]);
    }
    expect((await rawGet(server, "/api/v1/health", { host: "localhost:1" })).status).toBe(403);
    const own = await rawGet(server, "/api/v1/health", {
      host: `localhost:${server.port}`,
      origin: `http://localhost:${server.port}`,
    });
    expect(own.headers["access-control-allow-origin"]).toBe(`http://localhost:${server.port}`);
  });

  it("refuses a foreign origin on an escaped API path as on the plain one", async () => {
    for (const route of ["/%61pi/v1/quote?symbols=SOXX", "/api/v1/%71uote?symbols=SOXX", "/%61pi/v1/health"]) {
      const res = await rawGet(server, route, { origin: "https://evil.example" });
      expect(res.status).toBe(403);
      expect(res.json().error.code).toBe("forbidden");
    }
  });

  it("says forbidden for a foreign origin and not_found for an unknown route", async () => {
    const foreign = await rawGet(server, "/api/v1/health", { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.json().error.code).toBe("forbidden");
    const missing = await rawGet(server, "/api/v1/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.json().error).toEqual({ code: "not_found", message: "No such API route: /api/v1/nothing-here" });
    expect((await rawGet(server, "/no-such-page.html")).json().error.code).toBe("not_found");
  });

  it("answers a request Node cannot parse in the contract's error shape", async () => {
    const text = await rawBytes(server.port, "GARBAGE\r\n\r\n");
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4))).toEqual({
      error: { code: "bad_request", message: "The request is not valid HTTP" },
    });
  });
});

describe("static files", () => {
  it("follows no symbolic link out of dist/", async () => {
    for (const route of ["/leak.txt", "/assets/secret.txt"]) {
      const res = await rawGet(server, route);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain("TOP-SECRET");
    }
  });

  it("still serves a link that stays inside dist/", async () => {
    expect((await rawGet(server, "/alias.html")).body).toContain("AICHAIN task pane");
  });

  it("says how to build the add-in when dist/ is missing, and still serves the API", async () => {
    expect(unbuilt.addinBuilt).toBe(false);
    expect(server.addinBuilt).toBe(true);
    for (const route of ["/", "/taskpane.html"]) {
      const res = await rawGet(unbuilt, route);
      expect(res.status).toBe(404);
      expect(res.json().error).toEqual({ code: "not_found", message: "The add-in is not built yet: run npm run build" });
    }
    expect((await rawGet(unbuilt, "/api/v1/health")).status).toBe(200);
    expect((await rawGet(unbuilt, "/api/v1/nope")).json().error.message).toMatch(/No such API route/);
  });
});

describe("history dates", () => {
  it("names a future start as such when no end was sent", async () => {
    const res = await rawGet(server, "/api/v1/history?symbols=SOXX&start=2024-02-01");
    expect(res.status).toBe(400);
    expect(res.json().error).toEqual({ code: "bad_request", message: "start 2024-02-01 is in the future" });
  });
});
