/** Words for where market data came from and how old it is, and for data-service failures. */

export interface SeriesStatus {
  source: string;
  asOf: string;
  stale: boolean;
}

/** "3 min ago", "5 h ago", "2 days ago". */
export function ageText(asOf: string, now: number): string {
  const t = Date.parse(asOf);
  if (Number.isNaN(t)) return "age unknown";
  const minutes = Math.max(0, Math.round((now - t) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export function statusText(status: SeriesStatus, now: number): string {
  const when = Number.isNaN(Date.parse(status.asOf))
    ? status.asOf
    : `${new Date(status.asOf).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const stale = status.stale ? " · stale copy (the service could not reach its source)" : "";
  return `Data: ${status.source} · as of ${when} (${ageText(status.asOf, now)})${stale}`;
}

const UNREACHABLE =
  /not reachable|cannot be reached|failed to fetch|networkerror|network error|unreachable|econnrefused|load failed|upstream_unavailable|timed out/i;

/** A message an analyst can act on; an unreachable service is named as such. */
export function describeDataError(err: unknown): { unreachable: boolean; text: string } {
  const raw = err instanceof Error ? err.message : String(err);
  if (UNREACHABLE.test(raw)) {
    // Per-symbol failures repeat the same reason; the first one says it.
    const reason = raw.split("; ")[0].replace(/^[A-Z0-9.^=-]+: /, "");
    // The client's own message already says where the service was looked for and what to do.
    if (/^The AICHAIN data service is not reachable/.test(reason)) {
      return { unreachable: true, text: `${reason}; the value-chain table works without it.` };
    }
    return {
      unreachable: true,
      text:
        `The AICHAIN data service is unreachable (${reason}). Start it with npm start, or ask whoever runs it; ` +
        "the value-chain table works without it.",
    };
  }
  return { unreachable: false, text: raw };
}
