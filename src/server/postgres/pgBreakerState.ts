/**
 * The circuit breaker's state shared by every replica, one row per upstream: after `threshold`
 * failures in a row the upstream is left alone for `cooldownMs`; then exactly one replica is
 * let through as the probe (the row update decides who), and its outcome closes the breaker or
 * opens it for another cool-down. A replica that dies while probing only delays the next probe
 * by `probeTimeoutMs`.
 */
import type { Pool } from "pg";

export type BreakerPermit = "closed" | "probe" | "open";

export interface BreakerOptions {
  name?: string;
  threshold: number;
  cooldownMs: number;
  /** How long a probe may take before another replica may probe instead. */
  probeTimeoutMs?: number;
  now?: () => number;
}

export interface BreakerSnapshot {
  failures: number;
  /** Epoch ms until which calls are refused; undefined while closed. */
  openUntil?: number;
}

export class PgBreakerState {
  private readonly name: string;
  private readonly now: () => number;

  constructor(
    private readonly pool: Pool,
    private readonly options: BreakerOptions,
  ) {
    this.name = options.name ?? "yahoo";
    this.now = options.now ?? Date.now;
  }

  /** Whether this caller may call upstream now: freely, as the one probe, or not at all. */
  async permit(): Promise<BreakerPermit> {
    const now = Math.round(this.now());
    const probe = await this.pool.query(
      `UPDATE upstream_breaker SET probe_until_ms = $2::bigint + $3::bigint
       WHERE name = $1 AND open_until_ms IS NOT NULL AND open_until_ms <= $2 AND (probe_until_ms IS NULL OR probe_until_ms <= $2)
       RETURNING name`,
      [this.name, now, this.options.probeTimeoutMs ?? 30_000],
    );
    if (probe.rowCount) return "probe";
    const state = await this.snapshot();
    return state.openUntil === undefined ? "closed" : "open";
  }

  async success(): Promise<void> {
    await this.pool.query("UPDATE upstream_breaker SET failures = 0, open_until_ms = NULL, probe_until_ms = NULL, updated_at_ms = $2 WHERE name = $1", [
      this.name,
      Math.round(this.now()),
    ]);
  }

  /** One more failure in a row; the threshold'th (or a failed probe) opens the breaker. */
  async failure(): Promise<void> {
    await this.pool.query(
      `INSERT INTO upstream_breaker AS b (name, failures, open_until_ms, probe_until_ms, updated_at_ms)
       VALUES ($1, 1, CASE WHEN 1 >= $3 THEN $2::bigint + $4::bigint END, NULL, $2)
       ON CONFLICT (name) DO UPDATE SET
         failures = b.failures + 1,
         open_until_ms = CASE WHEN b.failures + 1 >= $3 THEN $2::bigint + $4::bigint ELSE b.open_until_ms END,
         probe_until_ms = NULL,
         updated_at_ms = $2`,
      [this.name, Math.round(this.now()), this.options.threshold, this.options.cooldownMs],
    );
  }

  async snapshot(): Promise<BreakerSnapshot> {
    const row = await this.pool.query<{ failures: number; open_until_ms: string | null }>("SELECT failures, open_until_ms FROM upstream_breaker WHERE name = $1", [this.name]);
    if (!row.rows.length) return { failures: 0 };
    const { failures, open_until_ms } = row.rows[0];
    return { failures, openUntil: open_until_ms === null ? undefined : Number(open_until_ms) };
  }
}
