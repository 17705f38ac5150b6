/**
 * The upstream rate limit shared by every replica: one token-bucket row per upstream. Each call
 * reserves a token in one statement (the row lock orders concurrent replicas); when the bucket
 * is empty the reservation goes into debt and the caller waits until its token has refilled,
 * so the firm as a whole never exceeds `perSecond` after the initial burst of `capacity`.
 */
import type { Pool } from "pg";

export interface TokenBucketOptions {
  /** Row name; one per upstream. */
  name?: string;
  /** Burst size. */
  capacity: number;
  /** Refill rate. */
  perSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class PgTokenBucket {
  private readonly name: string;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly pool: Pool,
    private readonly options: TokenBucketOptions,
  ) {
    if (!(options.capacity >= 1) || !(options.perSecond > 0)) throw new Error("A token bucket needs capacity >= 1 and perSecond > 0");
    this.name = options.name ?? "yahoo";
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Takes one token and returns how many milliseconds to wait before using it (0: at once). */
  async reserve(): Promise<number> {
    const { capacity, perSecond } = this.options;
    const result = await this.pool.query<{ tokens: number }>(
      `INSERT INTO upstream_budget AS b (name, tokens, updated_at_ms) VALUES ($1, $2::float8 - 1, $4)
       ON CONFLICT (name) DO UPDATE SET
         tokens = LEAST($2::float8, b.tokens + GREATEST(0, $4 - b.updated_at_ms) * $3::float8 / 1000.0) - 1,
         updated_at_ms = GREATEST(b.updated_at_ms, $4)
       RETURNING tokens`,
      [this.name, capacity, perSecond, Math.round(this.now())],
    );
    const tokens = Number(result.rows[0].tokens);
    return tokens >= 0 ? 0 : Math.ceil((-tokens / perSecond) * 1000);
  }

  /** Waits for a token. */
  async take(): Promise<void> {
    const wait = await this.reserve();
    if (wait > 0) await this.sleep(wait);
  }
}
