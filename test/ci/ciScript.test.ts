/**
 * .ci/run, run for real with `npm` and `apt-get` replaced by recording stand-ins on PATH, so what
 * CI runs, in which order, and when it fails can be checked without installing anything.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const SCRIPT = path.join(__dirname, "..", "..", ".ci", "run");

interface Run {
  status: number | null;
  npmCalls: string[];
  aptCalls: string[];
  output: string;
}

/** Runs a copy of .ci/run in a scratch checkout; `failing` npm commands exit 1, Chromium exists when `chromium` is true. */
function runCi(options: { chromium: boolean; failing?: string[]; env?: Record<string, string> }): Run {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-ci-"));
  try {
    fs.mkdirSync(path.join(dir, ".ci"));
    fs.copyFileSync(SCRIPT, path.join(dir, ".ci", "run"));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    const log = (name: string) => path.join(dir, `${name}.log`);
    const failing = (options.failing ?? []).map((c) => `"${c}"`).join(" ");
    fs.writeFileSync(
      path.join(bin, "npm"),
      `#!/usr/bin/env bash\necho "$*" >> "${log("npm")}"\nfor f in ${failing}; do [ "$*" = "$f" ] && exit 1; done\nexit 0\n`,
      { mode: 0o755 },
    );
    fs.writeFileSync(path.join(bin, "apt-get"), `#!/usr/bin/env bash\necho "$*" >> "${log("apt")}"\nexit 100\n`, { mode: 0o755 });
    const chromium = path.join(dir, "chromium");
    if (options.chromium) fs.writeFileSync(chromium, "#!/bin/sh\n", { mode: 0o755 });
    const result = spawnSync("bash", [path.join(dir, ".ci", "run")], {
      encoding: "utf8",
      env: { PATH: `${bin}:/usr/bin:/bin`, CI: "true", AICHAIN_CHROMIUM: chromium, ...options.env },
    });
    const lines = (name: string) => (fs.existsSync(log(name)) ? fs.readFileSync(log(name), "utf8").trim().split("\n") : []);
    return { status: result.status, npmCalls: lines("npm"), aptCalls: lines("apt"), output: result.stdout + result.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The calls in this order (other steps may sit between them). */
function inOrder(calls: string[], expected: string[]): string[] {
  const positions = expected.map((c) => calls.indexOf(c));
  return positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1])) ? expected : calls;
}

const CHECKS = ["ci", "run lint", "run typecheck", "test", "run test:e2e", "run format:check"];

describe(".ci/run", () => {
  test("installs from the lock file, then lint, typecheck, the tests, the browser tests and the format check", () => {
    const run = runCi({ chromium: true });
    expect(run.npmCalls[0]).toBe("ci");
    expect(inOrder(run.npmCalls, CHECKS)).toEqual(CHECKS);
    expect(run.status).toBe(0);
  });

  test("a failing check fails the run without hiding the checks after it", () => {
    const run = runCi({ chromium: true, failing: ["run lint"] });
    expect(run.status).toBe(1);
    expect(inOrder(run.npmCalls, CHECKS)).toEqual(CHECKS);
    expect(run.output).toContain("CI FAILED: npm run lint");
  });

  test("a failed install stops the run", () => {
    const run = runCi({ chromium: true, failing: ["ci"] });
    expect(run.status).toBe(1);
    expect(run.npmCalls).toEqual(["ci"]);
  });

  test("without Chromium it tries to install it, and the run fails when it cannot", () => {
    const run = runCi({ chromium: false });
    expect(run.aptCalls[0]).toBe("update");
    expect(run.npmCalls).not.toContain("run test:e2e");
    expect(run.status).toBe(1);
    expect(run.output).toContain("AICHAIN_SKIP_E2E=1");
  });

  test("AICHAIN_SKIP_E2E=1 skips the browser tests on purpose and says so", () => {
    const run = runCi({ chromium: false, env: { AICHAIN_SKIP_E2E: "1" } });
    expect(run.status).toBe(0);
    expect(run.aptCalls).toEqual([]);
    expect(run.npmCalls).not.toContain("run test:e2e");
    expect(run.output).toContain("SKIPPED browser tests on purpose");
  });
});
