/**
 * Whether the upstream answers, for /health. A real call in the last minute says so already;
 * otherwise the provider's own cheap probe runs, at most once a minute and with a short
 * time-out, so a monitor polling /health cannot turn into a stream of upstream calls and
 * "ok" does not merely mean "nothing has failed yet".
 */
import type { HealthResponse } from "../api/contract";
import { MarketProvider, asProviderError, isOutage, timedOut } from "./providers/provider";
import { UpstreamQueue } from "./upstreamQueue";

type Status = HealthResponse["upstream"];

export interface UpstreamProbeOptions {
  provider: MarketProvider;
  queue: UpstreamQueue;
  now: () => number;
  intervalMs?: number;
  timeoutMs?: number;
}

export class UpstreamProbe {
  private last?: { at: number; status: Status };
  private running?: Promise<Status>;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: UpstreamProbeOptions) {
    this.intervalMs = options.intervalMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  async status(): Promise<Status> {
    const { queue, now } = this.options;
    const recent = queue.stats();
    if (
      recent.lastOutcomeAt !== undefined &&
      now() - recent.lastOutcomeAt < this.intervalMs &&
      (!this.last || recent.lastOutcomeAt >= this.last.at)
    ) {
      return recent.lastOutcome === "failed" ? "unreachable" : "ok";
    }
    if (this.last && now() - this.last.at < this.intervalMs) return this.last.status;
    // Health checks arriving together share one probe.
    this.running ??= this.probe().finally(() => (this.running = undefined));
    return this.running;
  }

  private async probe(): Promise<Status> {
    const { provider, now } = this.options;
    let status: Status = "ok";
    if (provider.probe) {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      // The race also covers any part of the call that ignores the signal.
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(timedOut("The market data source did not answer the health probe in time"));
        }, this.timeoutMs);
      });
      try {
        await Promise.race([provider.probe({ signal: controller.signal }), deadline]);
      } catch (err) {
        // An answer such as "unknown symbol" still shows the source is up.
        status = isOutage(asProviderError(err)) ? "unreachable" : "ok";
      } finally {
        clearTimeout(timer);
      }
    }
    this.last = { at: now(), status };
    return status;
  }
}
