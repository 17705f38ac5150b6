/**
 * The periods an analyst picks most, as start dates worked out from today. Every preset ends
 * today (the latest data). Returns are measured from the last close on or before the start, so a
 * start of 1 January measures from the previous year's last close.
 */
import { LIMITS } from "../../api/contract";
import { addDays } from "../../calendar/isoDate";

export interface PeriodPreset {
  id: string;
  label: string;
  /** Shown under the presets once this one is picked. */
  hint: string;
  start: (today: string) => string;
}

/** The same calendar day `years` earlier; 29 February falls back to the 28th. */
export function yearsBefore(today: string, years: number): string {
  const year = String(Number(today.slice(0, 4)) - years).padStart(4, "0");
  const monthDay = today.slice(5) === "02-29" ? "02-28" : today.slice(5);
  return `${year}-${monthDay}`;
}

/** The day NVIDIA lost 17 %; the preset starts from the close before it so the fall is counted. */
export const DEEPSEEK_SHOCK = "2025-01-27";
const LAST_CLOSE_BEFORE_SHOCK = "2025-01-24";

export const PERIOD_PRESETS: readonly PeriodPreset[] = [
  { id: "ytd", label: "YTD", hint: "From the last close of last year.", start: (today) => `${today.slice(0, 4)}-01-01` },
  { id: "1y", label: "1Y", hint: "The last year.", start: (today) => yearsBefore(today, 1) },
  { id: "3y", label: "3Y", hint: "The last three years.", start: (today) => yearsBefore(today, 3) },
  { id: "5y", label: "5Y", hint: "The last five years.", start: (today) => yearsBefore(today, 5) },
  {
    id: "max",
    label: "Max",
    hint: "All the data: the comparison starts at the youngest fund's first close.",
    // The loader looks two weeks before the start for the base close; the service refuses dates before its minimum.
    start: () => addDays(LIMITS.minDate, 365),
  },
  {
    id: "deepseek",
    label: `Since the DeepSeek shock (${DEEPSEEK_SHOCK})`,
    hint: `From the close of ${LAST_CLOSE_BEFORE_SHOCK}, so the fall of ${DEEPSEEK_SHOCK} is counted.`,
    start: () => LAST_CLOSE_BEFORE_SHOCK,
  },
];

/** The preset the period matches (ending today), if any. */
export function matchingPreset(start: string, end: string, today: string): PeriodPreset | undefined {
  if (end !== "" && end < today) return undefined;
  return PERIOD_PRESETS.find((p) => p.start(today) === start);
}
