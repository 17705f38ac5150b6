/** The service's log: one line per request with its status and time; a failure with its stack. */
import { Writable } from "node:stream";
import { buildApp } from "../../src/server/app";
import type { MarketService } from "../../src/server/marketService";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: { level: "info", stream } };
}

/** Listening makes the service's own address known to its host check. */
async function listen(app: ReturnType<typeof buildApp>): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  return `127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

const service = {
  health: async () => ({ provider: "yahoo", upstream: "ok", cache: { entries: 0, path: "" } }),
  quote: async () => {
    throw new Error("disk on fire");
  },
} as unknown as MarketService;

describe("request log", () => {
  it("is configured without options the web framework has deprecated", () => {
    const warnings: string[] = [];
    const onWarning = (w: Error & { code?: string }) => warnings.push(`${w.code ?? w.name}: ${w.message}`);
    process.on("warning", onWarning);
    const emit = jest.spyOn(process, "emitWarning");
    try {
      buildApp({ service, logger: capture().logger });
      const deprecations = emit.mock.calls.map((call) => String(call[0] instanceof Error ? call[0].message : call[0]));
      expect(deprecations.filter((m) => /deprecated/i.test(m))).toEqual([]);
    } finally {
      emit.mockRestore();
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => /deprecat/i.test(w))).toEqual([]);
  });

  it("writes one info line per request with its status and time", async () => {
    const { lines, logger } = capture();
    const app = buildApp({ service, logger });
    const host = await listen(app);
    const res = await fetch(`http://${host}/api/v1/health`);
    await app.close();
    const requestLines = lines.filter((l) => l.msg === "request");
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({ level: 30, method: "GET", url: "/api/v1/health", status: res.status });
    expect(typeof requestLines[0].ms).toBe("number");
    expect(lines.filter((l) => l.msg === "incoming request")).toEqual([]);
  });

  it("logs a 500 with its stack while the body only says it was logged", async () => {
    const { lines, logger } = capture();
    const app = buildApp({ service, logger });
    const host = await listen(app);
    const res = await fetch(`http://${host}/api/v1/quote?symbols=SOXX`);
    const body = await res.json();
    await app.close();
    expect(res.status).toBe(500);
    expect(body).toEqual({ error: { code: "internal_error", message: "The service failed; see its log" } });
    const failure = lines.find((l) => l.level === 50) as { err?: { stack?: string } } | undefined;
    expect(failure?.err?.stack).toMatch(/disk on fire/);
  });
});
