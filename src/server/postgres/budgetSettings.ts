/**
 * The upstream budget's settings are each replica's own (flags, environment), but the bucket and
 * the breaker they apply to are shared rows: replicas started with different values would apply
 * different arithmetic to one row. Each replica records the values it starts with, and says so
 * at start when they differ from those the previous replica recorded.
 */
import type { Pool } from "pg";
import { BreakerSettings, DEFAULT_BREAKER, DEFAULT_RATE, RateSettings } from "../coordination/coordination";

interface SettingsRow {
  per_second: number;
  burst: number;
  threshold: number;
  cooldown_ms: string;
  set_by: string;
}

const describe = (rate: RateSettings, breaker: BreakerSettings) =>
  `--upstream-rate ${rate.perSecond} --upstream-burst ${rate.burst} --breaker-failures ${breaker.threshold} --breaker-cooldown ${breaker.cooldownMs / 1000}`;

/** Records this replica's settings; returns a warning when another replica started with different ones. */
export async function recordBudgetSettings(
  pool: Pool,
  options: { rate?: RateSettings; breaker?: BreakerSettings; instanceName?: string; now?: number; name?: string },
): Promise<string | undefined> {
  const rate = options.rate ?? DEFAULT_RATE;
  const breaker = options.breaker ?? DEFAULT_BREAKER;
  const name = options.name ?? "yahoo";
  const me = options.instanceName ?? "unnamed";
  const previous = await pool.query<SettingsRow>(
    "SELECT per_second, burst, threshold, cooldown_ms, set_by FROM upstream_settings WHERE name = $1",
    [name],
  );
  await pool.query(
    `INSERT INTO upstream_settings (name, per_second, burst, threshold, cooldown_ms, set_by, set_at_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (name) DO UPDATE SET per_second = EXCLUDED.per_second, burst = EXCLUDED.burst,
       threshold = EXCLUDED.threshold, cooldown_ms = EXCLUDED.cooldown_ms, set_by = EXCLUDED.set_by,
       set_at_ms = EXCLUDED.set_at_ms`,
    [name, rate.perSecond, rate.burst, breaker.threshold, breaker.cooldownMs, me, Math.round(options.now ?? Date.now())],
  );
  const row = previous.rows[0];
  if (!row) return undefined;
  const theirs = {
    rate: { perSecond: Number(row.per_second), burst: Number(row.burst) },
    breaker: { threshold: Number(row.threshold), cooldownMs: Number(row.cooldown_ms) },
  };
  const same =
    theirs.rate.perSecond === rate.perSecond &&
    theirs.rate.burst === rate.burst &&
    theirs.breaker.threshold === breaker.threshold &&
    theirs.breaker.cooldownMs === breaker.cooldownMs;
  if (same) return undefined;
  return (
    `This replica's upstream budget (${describe(rate, breaker)}) differs from the one replica "${row.set_by}" ` +
    `started with (${describe(theirs.rate, theirs.breaker)}); they share one bucket and one breaker, so give every replica the same settings.`
  );
}
