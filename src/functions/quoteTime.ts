/**
 * A quote's time as Excel shows a date-time: the wall clock of the exchange that traded it
 * (a New York close reads 16:00, not 21:00 UTC), falling back to UTC when the source does not
 * name the exchange's zone. Intl with an explicit zone keeps it independent of the machine's.
 */
import { toExcelSerial } from "../market";

const clocks = new Map<string, Intl.DateTimeFormat | null>();

function clockFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!clocks.has(timeZone)) {
    let clock: Intl.DateTimeFormat | null = null;
    try {
      clock = new Intl.DateTimeFormat("en-CA", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23",
      });
    } catch {
      clock = null; // an unknown zone name: fall back to UTC rather than fail the cell
    }
    clocks.set(timeZone, clock);
  }
  return clocks.get(timeZone)!;
}

/** Excel serial date-time of an instant on `timeZone`'s clock (UTC when absent or unknown). */
export function excelDateTimeIn(epochMs: number, timeZone?: string): number {
  const clock = timeZone ? clockFor(timeZone) : null;
  if (!clock) return epochMs / 86_400_000 + 25_569;
  const parts = clock.formatToParts(new Date(epochMs));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const date = `${parts.find((p) => p.type === "year")?.value}-${parts.find((p) => p.type === "month")?.value}-${parts.find((p) => p.type === "day")?.value}`;
  const seconds = part("hour") * 3600 + part("minute") * 60 + part("second") + (epochMs % 1000) / 1000;
  return toExcelSerial(date) + seconds / 86_400;
}
