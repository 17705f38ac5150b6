/**
 * What the guides tell an analyst or an operator to type must exist in the code: every npm script
 * and benchmark named, every flag and environment variable of the data service, every API request
 * shown, and every formula example (a registered function with an argument count it accepts).
 * The documents are read as they are, so a guide that drifts from the code fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { buildApp } from "../../src/server/app";
import { parseDataArgs } from "../../src/server/dataCli";
import { SERVE_USAGE, parseServeArgs } from "../../src/server/serveOptions";
import { SqliteMarketStore } from "../../src/server/cache/sqliteMarketStore";
import { LocalCircuitBreaker, LocalRateLimiter } from "../../src/server/coordination/localCoordination";
import { MarketService } from "../../src/server/marketService";
import { YahooProvider } from "../../src/server/providers/yahooProvider";
import { FakeYahoo } from "../server/fakeYahoo";
import { tempDir } from "../server/serviceHarness";
import { ROOT, argumentsOf, callBody, codeOf, read } from "./docText";

const GUIDES = [
  "README.md",
  "CONTRIBUTING.md",
  "docs/functions.md",
  "docs/data-service.md",
  "docs/deploying.md",
  "docs/taskpane.md",
];
const SERVICE_GUIDES = ["docs/data-service.md", "docs/deploying.md"];

interface Parameter {
  name: string;
  optional?: boolean;
  repeating?: boolean;
}
const METADATA = (
  JSON.parse(read("test/functions/functions.expected.json")) as { functions: { name: string; parameters: Parameter[] }[] }
).functions;
const FUNCTIONS = new Map(METADATA.map((f) => [f.name, f.parameters]));

describe("npm scripts and benchmarks named in the guides", () => {
  const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
  const benchSource = read("bench/run.ts");
  const benches = new Set([...benchSource.matchAll(/^\s+"?([a-z-]+)"?: "[A-Za-z]+\.ts",$/gm)].map((m) => m[1]));

  test("the bench list was read", () => {
    expect(benches.has("scale")).toBe(true);
  });

  test.each(GUIDES)("every npm command in %s is a script of package.json", (guide) => {
    const unknown: string[] = [];
    for (const code of codeOf(read(guide))) {
      for (const m of code.matchAll(/\bnpm run ([\w:-]+)/g)) if (!(m[1] in scripts)) unknown.push(m[0]);
      for (const m of code.matchAll(/\bnpm (start|stop|test)\b/g)) if (!(m[1] in scripts)) unknown.push(m[0]);
    }
    expect(unknown).toEqual([]);
  });

  test.each(GUIDES)("every `npm run bench -- NAME` in %s names a benchmark of bench/run.ts", (guide) => {
    const unknown: string[] = [];
    for (const code of codeOf(read(guide))) {
      for (const m of code.matchAll(/npm run bench -- ([a-z -]+)/g)) {
        for (const name of m[1].trim().split(/\s+/)) if (!benches.has(name)) unknown.push(name);
      }
    }
    expect(unknown).toEqual([]);
  });

  test.each(GUIDES)("every file and `npx jest` target named in %s exists", (guide) => {
    const missing: string[] = [];
    for (const code of codeOf(read(guide))) {
      for (const m of code
        .replace(/npx jest [\w/.-]+/g, "")
        .matchAll(/(?<![\w/.])((?:bench|scripts|src|test|assets|\.ci)\/[\w/.-]*[\w])/g)) {
        if (!fs.existsSync(path.join(ROOT, m[1]))) missing.push(m[1]);
      }
      // `npx jest test/functions/metadata` names the files that start so.
      for (const m of code.matchAll(/npx jest ([\w/.-]+)/g)) {
        const dir = path.join(ROOT, path.dirname(m[1]));
        const start = path.basename(m[1]);
        if (!fs.existsSync(dir) || !fs.readdirSync(dir).some((f) => f.startsWith(start))) missing.push(`npx jest ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("the data service's flags and environment variables in the guides", () => {
  /** A value each option accepts, to run it through the parser. */
  const SAMPLE: Record<string, string> = {
    "--host": "0.0.0.0",
    "--port": "8080",
    "--provider": "yahoo",
    "--csv-dir": "./prices",
    "--csv-workers": "2",
    "--cache": "./cache.sqlite",
    "--allow-origin": "https://addins.example.com",
    "--instance-name": "web-1",
    "--upstream-rate": "2",
    "--upstream-burst": "20",
    "--breaker-failures": "5",
    "--breaker-cooldown": "60",
  };
  const ENV_SAMPLE: Record<string, string> = {
    AICHAIN_HTTP: "1",
    AICHAIN_HOST: "0.0.0.0",
    AICHAIN_PORT: "8080",
    AICHAIN_PROVIDER: "yahoo",
    AICHAIN_CSV_DIR: "./prices",
    AICHAIN_CSV_WORKERS: "2",
    AICHAIN_CACHE: "./cache.sqlite",
    AICHAIN_CACHE_URL: "postgres://aichain@db.internal:5432/aichain",
    AICHAIN_ALLOWED_ORIGINS: "https://a.example.com,https://b.example.com",
    AICHAIN_INSTANCE_NAME: "web-1",
    AICHAIN_POOL_SIZE: "3",
    AICHAIN_UPSTREAM_RATE: "2",
    AICHAIN_UPSTREAM_BURST: "20",
    AICHAIN_BREAKER_FAILURES: "7",
    AICHAIN_BREAKER_COOLDOWN: "60",
  };
  /** What a variable needs beside it to take effect. */
  const ENV_CONTEXT: Record<string, Record<string, string>> = {
    AICHAIN_POOL_SIZE: { AICHAIN_CACHE_URL: ENV_SAMPLE.AICHAIN_CACHE_URL },
    AICHAIN_CSV_WORKERS: { AICHAIN_PROVIDER: "csv", AICHAIN_CSV_DIR: "./prices" },
  };
  /** Variables the guides name that are read elsewhere than the option parser, with where. */
  const READ_ELSEWHERE: Record<string, string> = {
    AICHAIN_LOG_LEVEL: "src/server/main.ts",
    AICHAIN_SKIP_E2E: ".ci/run",
  };

  /** Flags in the first column of a table row, or on a line that starts the service. */
  function serveFlagsOf(markdown: string): string[] {
    const flags = new Set<string>();
    for (const line of markdown.split("\n")) {
      const cell = /^\| `(--[a-z-]+)/.exec(line);
      if (cell) flags.add(cell[1]);
      if (/npm run serve --|src\/server\/main\.ts/.test(line))
        for (const m of line.replace(/#.*$/, "").matchAll(/(?<=\s)--[a-z][a-z-]*/g)) flags.add(m[0]);
    }
    // Also the flags named in prose as settings, e.g. (`--upstream-rate`, `--pool-size`).
    for (const m of markdown.matchAll(/`(--(?:upstream|breaker|pool|instance|allow|csv|cache|provider|host|port|http)[a-z-]*)/g))
      flags.add(m[1]);
    return [...flags];
  }

  test.each(SERVICE_GUIDES)("every service flag in %s is accepted by the option parser and listed by --help", (guide) => {
    const flags = serveFlagsOf(read(guide));
    expect(flags.length).toBeGreaterThan(3);
    const refused: string[] = [];
    for (const flag of flags) {
      const argv = flag in SAMPLE ? [flag, SAMPLE[flag]] : [flag];
      // A pool size needs a PostgreSQL cache, and the cache flag a value of that kind to show it.
      if (flag === "--pool-size") argv.push("3", "--cache", "postgres://aichain@db.internal:5432/aichain");
      // Parse workers are the csv provider's.
      if (flag === "--csv-workers") argv.push("--provider", "csv", "--csv-dir", "./prices");
      try {
        const parsed = parseServeArgs(argv, {});
        if (JSON.stringify(parsed) === JSON.stringify(parseServeArgs([], {}))) refused.push(`${flag} (no effect)`);
      } catch (err) {
        refused.push(`${flag}: ${(err as Error).message}`);
      }
      if (flag !== "--help" && !SERVE_USAGE.includes(flag)) refused.push(`${flag} (not in --help)`);
    }
    expect(refused).toEqual([]);
  });

  test.each(GUIDES)("every AICHAIN_ variable in %s is read by the code, and the service's change its options", (guide) => {
    const names = new Set([...read(guide).matchAll(/\bAICHAIN_[A-Z0-9_]*[A-Z0-9]\b/g)].map((m) => m[0]));
    const problems: string[] = [];
    for (const name of names) {
      // Workbook names the task pane writes (AICHAIN_SHOCK, AICHAIN_COMPARISON) are not settings.
      if (guide === "docs/taskpane.md") continue;
      if (name in ENV_SAMPLE) {
        const context = ENV_CONTEXT[name] ?? {};
        try {
          const parsed = parseServeArgs([], { ...context, [name]: ENV_SAMPLE[name] });
          if (JSON.stringify(parsed) === JSON.stringify(parseServeArgs([], context))) problems.push(`${name} (no effect)`);
        } catch (err) {
          problems.push(`${name}: ${(err as Error).message}`);
        }
        if (!SERVE_USAGE.includes(name)) problems.push(`${name} (not in --help)`);
      } else if (name in READ_ELSEWHERE) {
        if (!read(READ_ELSEWHERE[name]).includes(name)) problems.push(`${name} (not read by ${READ_ELSEWHERE[name]})`);
      } else problems.push(`${name} (no code reads it)`);
    }
    expect(problems).toEqual([]);
  });

  test.each(SERVICE_GUIDES)("every `npm run serve -- ...` line in %s parses as written", (guide) => {
    const lines = codeOf(read(guide))
      .flatMap((c) => c.split("\n"))
      .map((l) => /npm run serve -- (.*)$/.exec(l.replace(/\s+#.*$/, ""))?.[1])
      .filter((l): l is string => l !== undefined && !l.includes("--help"));
    const problems: string[] = [];
    for (const line of lines) {
      try {
        parseServeArgs(line.split(/\s+/), {});
      } catch (err) {
        problems.push(`${line}: ${(err as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("the systemd unit's command line parses, with the instance name systemd fills in", () => {
    const exec = /ExecStart=\S+ src\/server\/main\.ts (.*)$/m.exec(read("docs/deploying.md"));
    expect(exec).not.toBeNull();
    const argv = exec![1].replace(/%i/g, "3001").replace(/%H/g, "app1").split(/\s+/);
    const { options } = parseServeArgs(argv, {});
    expect(options).toMatchObject({ port: 3001, instanceName: "app1-3001" });
  });

  test("the defaults in the upstream budget table are the parser's defaults", () => {
    const table = read("docs/deploying.md");
    const defaultOf = (flag: string) =>
      Number(new RegExp("\\| `" + flag + " [NS]` \\| `[A-Z_]+` \\| ([\\d.]+) \\|").exec(table)?.[1]);
    const { options } = parseServeArgs(["--upstream-rate", String(defaultOf("--upstream-rate"))], {});
    expect(options.rate).toEqual({ perSecond: defaultOf("--upstream-rate"), burst: defaultOf("--upstream-burst") });
    expect(options.breaker).toEqual({
      threshold: defaultOf("--breaker-failures"),
      cooldownMs: defaultOf("--breaker-cooldown") * 1000,
    });
  });

  test("every `npm run data -- ...` line in the guides is a command with options the data command knows", () => {
    const lines = GUIDES.flatMap((g) => codeOf(read(g)))
      .flatMap((c) => c.split("\n"))
      .map((l) => /npm run data -- ([^'#]*)/.exec(l)?.[1])
      .filter((l): l is string => l !== undefined);
    expect(lines.length).toBeGreaterThan(2);
    const problems: string[] = [];
    for (const line of lines) {
      // [--end D] marks an optional option: run it as given.
      const argv = line.replace(/[[\]]/g, "").trim().split(/\s+/);
      try {
        const { command } = parseDataArgs(argv);
        if (!["warm", "import-csv", "stats"].includes(command)) problems.push(`${line}: no command ${command}`);
      } catch (err) {
        problems.push(`${line}: ${(err as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

/**
 * The app as `npm run serve` builds it for Yahoo (with its circuit breaker and rate limiter), over
 * the fake upstream and a fresh SQLite file, listening on a free port (a real socket: Jest cannot
 * load the ESM module behind inject). The limiter is wide so the requests here never wait.
 */
function serveForGuides(): { base: () => string } {
  const dir = tempDir("aichain-guides-");
  const store = new SqliteMarketStore(path.join(dir, "cache.sqlite"));
  const service = new MarketService({
    provider: new YahooProvider({ fetch: new FakeYahoo().fetch }),
    store,
    breaker: new LocalCircuitBreaker(),
    limiter: new LocalRateLimiter({ perSecond: 1000, burst: 1000 }),
  });
  const app = buildApp({ service });
  let base = "";
  beforeAll(async () => {
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app.close();
    await service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { base: () => base };
}

describe("API requests shown in the guides", () => {
  const served = serveForGuides();

  const requests = [
    ...new Set(GUIDES.flatMap((g) => [...read(g).matchAll(/(\/api\/v1\/[a-z]+(?:\?[^\s`)]*)?)/g)].map((m) => m[1]))),
  ];

  test("the guides show each route", () => {
    const routes = new Set(requests.map((r) => r.split("?")[0]));
    for (const route of ["history", "closes", "stats", "quote", "fund", "health"]) expect(routes).toContain(`/api/v1/${route}`);
  });

  test.each(requests)("GET %s is a route that accepts the parameters shown", async (request) => {
    // [&interval=1d|1wk|1mo] shows a choice: try each.
    const choice = /\[&(\w+)=([\w|]+)\]/.exec(request);
    const urls = choice
      ? choice[2].split("|").flatMap((v) => [request.replace(choice[0], ""), request.replace(choice[0], `&${choice[1]}=${v}`)])
      : [request];
    for (const url of urls) {
      const response = await fetch(served.base() + url);
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      // A symbol the fake upstream does not list may be a 404 unknown_symbol; a missing route or a refused parameter may not.
      expect({ url, status: response.status, code: body.error?.code }).not.toMatchObject({ status: 400 });
      expect({ url, code: body.error?.code }).not.toEqual({ url, code: "not_found" });
    }
  });
});

describe("formulas in the guides", () => {
  const formulas = GUIDES.flatMap((guide) => {
    const text = read(guide);
    return [...text.matchAll(/=AICHAIN\.([A-Z]+)\(/g)].map((m) => ({
      guide,
      name: m[1],
      body: callBody(text, m.index + m[0].length),
    }));
  });

  test("formulas were found", () => {
    expect(formulas.length).toBeGreaterThan(30);
  });

  test.each(formulas.map((f) => [`${f.name}(${f.body})`, f] as const))(
    "%s names a registered function with an argument count it takes",
    (_label, { name, body }) => {
      const parameters = FUNCTIONS.get(name);
      expect({ name, registered: parameters !== undefined }).toEqual({ name, registered: true });
      expect(body).toBeDefined();
      const count = argumentsOf(body!).length;
      const required = parameters!.filter((p) => !p.optional).length;
      const most = parameters!.some((p) => p.repeating) ? Infinity : parameters!.length;
      expect({ name, count, fits: count >= required && count <= most }).toEqual({ name, count, fits: true });
    },
  );

  /** `NAME(a, [b], ...)` signatures in a table's first column, as "a,[b]" lists per function. */
  function signaturesOf(markdown: string): { name: string; params: string[] }[] {
    const found: { name: string; params: string[] }[] = [];
    for (const line of markdown.split("\n")) {
      if (!line.startsWith("| `")) continue;
      const first = line.split("|")[1];
      const spans = [...first.matchAll(/`([A-Z]+)(?:\(([^)]*)\))?`/g)];
      let pending: string[] = [];
      for (const [, name, params] of spans) {
        if (params === undefined) {
          pending.push(name);
          continue;
        }
        const list = params
          .split(",")
          .map((p) => p.trim())
          .filter((p) => p !== "");
        for (const n of [...pending, name]) found.push({ name: n, params: list });
        pending = [];
      }
    }
    return found;
  }

  test.each(["README.md", "docs/functions.md"])("the signatures in %s are the registered parameters", (guide) => {
    const signatures = signaturesOf(read(guide));
    expect(signatures.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const { name, params } of signatures) {
      const registered = FUNCTIONS.get(name);
      if (!registered) {
        wrong.push(`${name} is not registered`);
        continue;
      }
      // A repeating parameter is written [property1], ... whatever its name in the code.
      const expected = registered.map((p) => (p.repeating ? "[REPEATING1]" : p.optional ? `[${p.name}]` : p.name));
      const last = registered[registered.length - 1];
      const shown = params
        .filter((p) => p !== "...")
        .map((p, i) => (last?.repeating && i === registered.length - 1 && /^\[\w+1\]$/.test(p) ? "[REPEATING1]" : p));
      const repeats = params[params.length - 1] === "...";
      if (expected.join() !== shown.join() || repeats !== !!last?.repeating)
        wrong.push(`${name}(${params.join(", ")}) but registered ${name}(${expected.join(", ")})`);
    }
    expect(wrong).toEqual([]);
  });

  test("the README's function table names every registered function", () => {
    const named = new Set(signaturesOf(read("README.md")).map((s) => s.name));
    expect(METADATA.map((f) => f.name).filter((n) => !named.has(n))).toEqual([]);
  });
});

describe("settings in capitals named in the guides", () => {
  /** Every source the project runs: a name found in none of them is a setting nobody reads. */
  function sources(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return rel === "test/docs" || rel === "test/fixtures" ? [] : sources(rel);
      return /\.(ts|tsx|js)$/.test(entry.name) ? [read(rel)] : [];
    });
  }
  const code = [...["src", "bench", "scripts", "test"].flatMap(sources), read(".ci/run"), read("webpack.config.js")].join("\n");

  test.each(GUIDES)("every environment variable or constant in capitals in %s is in the code", (guide) => {
    const names = new Set(
      codeOf(read(guide)).flatMap((c) =>
        [...c.matchAll(/(?<![\w.$%/-])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\w.(])/g)].map((m) => m[1]),
      ),
    );
    expect([...names].filter((name) => !new RegExp(`\\b${name}\\b`).test(code))).toEqual([]);
  });
});

describe("sample answers in the data-service guide", () => {
  const served = serveForGuides();

  /** Each `GET /api/v1/...` line of the guide's code blocks with the sample answer under it. */
  const samples = codeOf(read("docs/data-service.md")).flatMap((block) =>
    block
      .split(/^(?=GET \/api\/v1\/)/m)
      .filter((part) => part.startsWith("GET "))
      .map((part) => {
        const [first, ...rest] = part.split("\n");
        const url = first
          .slice(4)
          .trim()
          .replace(/\[&(\w+)=(\w+)[^\]]*\]/, "&$1=$2");
        return { url, keys: [...new Set([...rest.join("\n").matchAll(/"(\w+)":/g)].map((m) => m[1]))] };
      }),
  );

  function keysOf(value: unknown, into = new Set<string>()): Set<string> {
    if (Array.isArray(value)) for (const v of value) keysOf(v, into);
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        into.add(k);
        keysOf(v, into);
      }
    return into;
  }

  test("the guide shows a sample answer for each route", () => {
    expect(samples.map((s) => s.url.split("?")[0].replace("/api/v1/", "")).sort()).toEqual(
      expect.arrayContaining(["closes", "fund", "health", "history", "quote", "stats"]),
    );
  });

  test.each(samples.map((s) => [s.url, s] as const))(
    "every field of the sample answer to %s is in the real answer",
    async (_url, { url, keys }) => {
      const answer = (await (await fetch(served.base() + url)).json()) as unknown;
      // The same request for a symbol nobody lists shows the per-symbol error's fields.
      const unknown = (await (await fetch(served.base() + url.replace(/(symbols?=)[^&]+/, "$1NOSUCHSYMBOL"))).json()) as unknown;
      const real = keysOf(unknown, keysOf(answer));
      // A holding's industry and sector come from its company profile, which the recorded fund fixture lacks.
      const optional = url.includes("/fund") ? ["industry", "sector"] : [];
      expect(keys.filter((k) => !real.has(k) && !optional.includes(k) && !/^[A-Z0-9.]+$/.test(k))).toEqual([]);
    },
  );
});
