/**
 * The "DeepSeek shock" form's state and its actions, apart from how they are drawn: event date,
 * benchmark, event window and layers; insert and cancel with their progress and result.
 */
import { RefObject, useRef, useState } from "react";
import { parseIsoDate, parseSymbol } from "../../api/validation";
import type { LayerId } from "../../chain";
import { describeDataError } from "../data/dataStatus";
import { DEFAULT_SHOCK_PARAMS, SHOCK_WINDOW_PRESETS, ShockParams, loadShockData } from "../data/deepSeekShockData";
import { PaneServices } from "../services";
import { activateSheet } from "../sheets/activateSheet";
import { insertDeepSeekShockSheet } from "../sheets/deepSeekShockSheet";
import type { FeedbackMessage } from "../ui/Feedback";
import { countOf } from "../ui/words";
import { CancelledError, untilAborted } from "./abortableClient";
import { usePendingFocus } from "./usePendingFocus";

export type ShockField = "eventDate" | "benchmark" | "layers";
type ShockErrors = Partial<Record<ShockField, string>>;
/** The fields in the order they appear, so focus goes to the first one at fault. */
const FIELD_ORDER: readonly ShockField[] = ["eventDate", "benchmark", "layers"];

/** Loading can be cancelled; writing cannot (the workbook is being changed in one batch). */
export type ShockBusy = "" | "loading" | "writing";

/** "(−1,+1)": the window as the sheet's CAR column names it, with a true minus sign. */
export function windowLabel([start, end]: readonly [number, number]): string {
  const signed = (k: number) => (k > 0 ? `+${k}` : k < 0 ? `\u2212${-k}` : "0");
  return `(${signed(start)},${signed(end)})`;
}

/** Each field checked on its own, so the message lands beside the field it is about. */
export function shockFieldErrors(eventDate: string, benchmark: string, layers: number[], today: string): ShockErrors {
  const errors: ShockErrors = {};
  const date = parseIsoDate(eventDate.trim(), "The event date");
  if (!date.ok) errors.eventDate = `${date.error.message}.`;
  else if (date.value > today)
    errors.eventDate = `The event date ${date.value} is after today (${today}); an event study needs prices after the event.`;
  const symbol = parseSymbol(benchmark);
  if (!symbol.ok)
    errors.benchmark = benchmark.trim() === "" ? "Type a benchmark symbol, such as QQQ." : `${symbol.error.message}.`;
  if (layers.length === 0) errors.layers = "Choose at least one layer of the value chain.";
  return errors;
}

export function useDeepSeekShock(services: PaneServices) {
  const { layers, entries } = services.chain;
  const [eventDate, setEventDateValue] = useState(DEFAULT_SHOCK_PARAMS.eventDate);
  const [benchmark, setBenchmarkValue] = useState(DEFAULT_SHOCK_PARAMS.benchmark);
  const [window, setWindow] = useState<readonly [number, number]>([
    DEFAULT_SHOCK_PARAMS.windowStart,
    DEFAULT_SHOCK_PARAMS.windowEnd,
  ]);
  const [chosen, setChosen] = useState<number[]>(() => layers.map((l) => l.id));
  const [busy, setBusy] = useState<ShockBusy>("");
  const [message, setMessage] = useState<FeedbackMessage | null>(null);
  const [fieldErrors, setFieldErrors] = useState<ShockErrors>({});
  const controller = useRef<AbortController | null>(null);
  const fieldRefs: Record<ShockField, RefObject<HTMLInputElement>> = {
    eventDate: useRef<HTMLInputElement>(null),
    benchmark: useRef<HTMLInputElement>(null),
    layers: useRef<HTMLInputElement>(null),
  };
  const feedbackRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = usePendingFocus();

  /** Listed companies each layer adds (only those have prices to study). */
  const listedIn = (layerId: number) =>
    new Set(entries.filter((e) => e.placement.layer === layerId && e.company.ticker).map((e) => e.company.ticker)).size;

  function clearError(field: ShockField) {
    setFieldErrors((prev) => {
      if (prev[field] === undefined) return prev;
      const next = { ...prev };
      delete next[field];
      return next;
    });
  }

  function report(next: FeedbackMessage) {
    setMessage(next);
    focusAfterRender(feedbackRef);
  }

  async function insert() {
    setMessage(null);
    const errors = shockFieldErrors(eventDate, benchmark, chosen, services.today());
    setFieldErrors(errors);
    const first = FIELD_ORDER.find((f) => errors[f] !== undefined);
    if (first) {
      focusAfterRender(fieldRefs[first]);
      return;
    }
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    const signal = own.signal;
    setBusy("loading");
    try {
      const params: ShockParams = {
        eventDate: eventDate.trim(),
        benchmark: benchmark.trim().toUpperCase(),
        windowStart: window[0],
        windowEnd: window[1],
        layers: chosen as LayerId[],
      };
      const data = await untilAborted(loadShockData(services.client(), params), signal);
      if (signal.aborted) throw new CancelledError();
      const studied = data.rows.filter((r) => r.study).length;
      // A sheet of blanks helps no one: with nothing measured, say why and write nothing.
      if (studied === 0) {
        const reason = data.rows.find((r) => r.reason)?.reason;
        throw new Error(
          reason
            ? `No company could be studied; nothing was written. ${reason}`
            : "No listed company in the chosen layers; nothing was written.",
        );
      }
      setBusy("writing");
      const result = await services.excelRun((context) => insertDeepSeekShockSheet(context, data));
      const missing = data.rows.length - studied;
      const text =
        `Inserted "${result.sheetName}": ${countOf(studied, "company", "companies")} studied in ${countOf(chosen.length, "layer")}` +
        (missing > 0 ? `; ${countOf(missing, "company", "companies")} without a study (the reason is on the sheet).` : ".");
      report({ intent: missing > 0 ? "warning" : "success", text, sheetName: result.sheetName });
    } catch (err) {
      if (signal.aborted || err instanceof CancelledError) report({ intent: "info", text: new CancelledError().message });
      else report({ intent: "error", text: describeDataError(err).text });
    } finally {
      if (controller.current === own) controller.current = null;
      setBusy("");
    }
  }

  async function goToSheet(sheetName: string) {
    try {
      await services.excelRun((context) => activateSheet(context, sheetName));
    } catch (err) {
      report({ intent: "error", text: err instanceof Error ? err.message : String(err) });
    }
  }

  return {
    layers,
    chosen,
    eventDate,
    benchmark,
    window,
    windows: SHOCK_WINDOW_PRESETS,
    busy,
    message,
    fieldErrors,
    fieldRefs,
    feedbackRef,
    listedIn,
    setEventDate(value: string) {
      setEventDateValue(value);
      clearError("eventDate");
    },
    setBenchmark(value: string) {
      setBenchmarkValue(value);
      clearError("benchmark");
    },
    setWindow,
    toggle(id: number, on: boolean) {
      setChosen((prev) => (on ? [...prev, id].sort((a, b) => a - b) : prev.filter((x) => x !== id)));
      clearError("layers");
    },
    selectAll() {
      setChosen(layers.map((l) => l.id));
      clearError("layers");
    },
    selectNone() {
      setChosen([]);
    },
    insert,
    cancel() {
      controller.current?.abort();
    },
    goToSheet,
  };
}

export type DeepSeekShockState = ReturnType<typeof useDeepSeekShock>;
