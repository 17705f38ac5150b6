/**
 * The "DeepSeek shock" form's state and its actions, apart from how they are drawn: event date,
 * benchmark, event window, estimation days, gap and layers; insert, refresh in place and cancel
 * with their progress and result.
 */
import { RefObject, useRef, useState } from "react";
import { parseIsoDate, parseSymbol } from "../../api/validation";
import type { LayerId } from "../../chain";
import { describeDataError } from "../data/dataStatus";
import { MIN_ESTIMATION_DAYS } from "../../market";
import { DEFAULT_SHOCK_PARAMS, SHOCK_WINDOW_PRESETS, ShockData, ShockParams, loadShockData } from "../data/deepSeekShockData";
import { PaneServices } from "../services";
import { insertDeepSeekShockSheet, refreshDeepSeekShockSheet } from "../sheets/deepSeekShockSheet";
import { countOf } from "../ui/words";
import { CancelledError, abortableClient, untilAborted } from "./abortableClient";
import { useFeedback } from "./useFeedback";
import { usePendingFocus } from "./usePendingFocus";

export type ShockField = "eventDate" | "benchmark" | "estimationDays" | "gap" | "layers";
type ShockErrors = Partial<Record<ShockField, string>>;
/** The fields in the order they appear, so focus goes to the first one at fault. */
const FIELD_ORDER: readonly ShockField[] = ["eventDate", "benchmark", "estimationDays", "gap", "layers"];

/** Loading can be cancelled; writing cannot (the workbook is being changed in one batch). */
export type ShockBusy = "" | "loading" | "writing";

/** Each field checked on its own, so the message lands beside the field it is about. */
export function shockFieldErrors(
  fields: { eventDate: string; benchmark: string; estimationDays: string; gap: string; layers: number[] },
  today: string,
): ShockErrors {
  const { eventDate, benchmark, layers } = fields;
  const errors: ShockErrors = {};
  const date = parseIsoDate(eventDate.trim(), "The event date");
  if (!date.ok) errors.eventDate = `${date.error.message}.`;
  else if (date.value > today)
    errors.eventDate = `The event date ${date.value} is after today (${today}); an event study needs prices after the event.`;
  const symbol = parseSymbol(benchmark);
  if (!symbol.ok)
    errors.benchmark = benchmark.trim() === "" ? "Type a benchmark symbol, such as QQQ." : `${symbol.error.message}.`;
  const estimation = wholeNumber(fields.estimationDays);
  if (estimation === null || estimation < MIN_ESTIMATION_DAYS)
    errors.estimationDays = `Type a whole number of trading days, at least ${MIN_ESTIMATION_DAYS} (250 is a year).`;
  const gap = wholeNumber(fields.gap);
  if (gap === null || gap < 1) errors.gap = "Type a whole number of trading days, at least 1.";
  if (layers.length === 0) errors.layers = "Choose at least one layer of the value chain.";
  return errors;
}

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/** A sheet of blanks helps no one: with nothing measured, say why (and write nothing). */
function studiedOrRefuse(data: ShockData): ShockData {
  if (data.rows.some((r) => r.study)) return data;
  const reason = data.rows.find((r) => r.reason)?.reason;
  throw new Error(
    reason
      ? `No company could be studied; nothing was written. ${reason}`
      : "No listed company in the chosen layers; nothing was written.",
  );
}

/** "12 companies studied in 2 layers; 1 company without a study (the reason is on the sheet)." */
function studiedText(data: ShockData): { text: string; missing: number } {
  const studied = data.rows.filter((r) => r.study).length;
  const missing = data.rows.length - studied;
  const text =
    `${countOf(studied, "company", "companies")} studied in ${countOf(data.params.layers.length, "layer")}` +
    (missing > 0 ? `; ${countOf(missing, "company", "companies")} without a study (the reason is on the sheet).` : ".");
  return { text, missing };
}

/** Which study a Refresh took, and how to refresh the others, in words. */
export function refreshedWhere(result: { foundElsewhere: boolean; latest: boolean; alsoOn: string[] }): {
  which: string;
  others: string;
} {
  const which = !result.foundElsewhere
    ? ""
    : result.latest
      ? " (the active sheet had no study, so the one inserted or refreshed last was refreshed; its sheet is now shown)"
      : " (the active sheet had no study, so the first in the workbook was refreshed; its sheet is now shown)";
  const names = result.alsoOn.map((name) => `"${name}"`).join(", ");
  const others =
    result.alsoOn.length === 0
      ? ""
      : ` ${result.alsoOn.length === 1 ? "Another study is" : "Other studies are"} on ${names}: ` +
        `open ${result.alsoOn.length === 1 ? "that sheet" : "one"} and press Refresh sheet to refresh it.`;
  return { which, others };
}

export function useDeepSeekShock(services: PaneServices) {
  const { layers, entries } = services.chain;
  const [eventDate, setEventDateValue] = useState(DEFAULT_SHOCK_PARAMS.eventDate);
  const [benchmark, setBenchmarkValue] = useState(DEFAULT_SHOCK_PARAMS.benchmark);
  const [window, setWindow] = useState<readonly [number, number]>([
    DEFAULT_SHOCK_PARAMS.windowStart,
    DEFAULT_SHOCK_PARAMS.windowEnd,
  ]);
  const [estimationDays, setEstimationDaysValue] = useState(String(DEFAULT_SHOCK_PARAMS.estimationDays));
  const [gap, setGapValue] = useState(String(DEFAULT_SHOCK_PARAMS.gap));
  const [chosen, setChosen] = useState<number[]>(() => layers.map((l) => l.id));
  const [busy, setBusy] = useState<ShockBusy>("");
  /** Companies whose prices are in, while loading. */
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  /** What the busy state is doing: a refresh loads what the sheet says, not what the form says. */
  const [action, setAction] = useState<"insert" | "refresh">("insert");
  const [fieldErrors, setFieldErrors] = useState<ShockErrors>({});
  const controller = useRef<AbortController | null>(null);
  const fieldRefs: Record<ShockField, RefObject<HTMLInputElement>> = {
    eventDate: useRef<HTMLInputElement>(null),
    benchmark: useRef<HTMLInputElement>(null),
    estimationDays: useRef<HTMLInputElement>(null),
    gap: useRef<HTMLInputElement>(null),
    layers: useRef<HTMLInputElement>(null),
  };
  const focusAfterRender = usePendingFocus();
  const { message, setMessage, feedbackRef, report, goToSheet } = useFeedback(services.excelRun, focusAfterRender);

  /** Listed companies of the given layers, each counted once (only those have prices to study). */
  const listedAcross = (layerIds: readonly number[]) =>
    new Set(entries.filter((e) => layerIds.includes(e.placement.layer) && e.company.ticker).map((e) => e.company.ticker)).size;
  const listedIn = (layerId: number) => listedAcross([layerId]);

  function clearError(field: ShockField) {
    setFieldErrors((prev) => {
      if (prev[field] === undefined) return prev;
      const next = { ...prev };
      delete next[field];
      return next;
    });
  }

  function begin(): AbortSignal {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setProgress(null);
    setBusy("loading");
    return own.signal;
  }

  function finish(signal: AbortSignal) {
    if (controller.current?.signal === signal) controller.current = null;
    setBusy("");
  }

  function failed(err: unknown, signal: AbortSignal) {
    if (signal.aborted || err instanceof CancelledError) report({ intent: "info", text: new CancelledError().message });
    else report({ intent: "error", text: describeDataError(err).text });
  }

  /** The study's data for `params`, or a refusal; cancelling stops the wait at once. */
  async function load(params: ShockParams, signal: AbortSignal): Promise<ShockData> {
    const onProgress = (done: number, total: number) => {
      if (!signal.aborted) setProgress({ done, total });
    };
    const data = await untilAborted(loadShockData(abortableClient(services.client(), signal), params, onProgress), signal);
    if (signal.aborted) throw new CancelledError();
    setBusy("writing");
    return studiedOrRefuse(data);
  }

  async function insert() {
    setMessage(null);
    const errors = shockFieldErrors({ eventDate, benchmark, estimationDays, gap, layers: chosen }, services.today());
    setFieldErrors(errors);
    const first = FIELD_ORDER.find((f) => errors[f] !== undefined);
    if (first) {
      focusAfterRender(fieldRefs[first]);
      return;
    }
    setAction("insert");
    const signal = begin();
    try {
      const params: ShockParams = {
        eventDate: eventDate.trim(),
        benchmark: benchmark.trim().toUpperCase(),
        windowStart: window[0],
        windowEnd: window[1],
        estimationDays: Number(estimationDays),
        gap: Number(gap),
        layers: chosen as LayerId[],
      };
      const data = await load(params, signal);
      const result = await services.excelRun((context) => insertDeepSeekShockSheet(context, data));
      const { text, missing } = studiedText(data);
      report({
        intent: missing > 0 ? "warning" : "success",
        text: `Inserted "${result.sheetName}": ${text}`,
        sheetName: result.sheetName,
      });
    } catch (err) {
      failed(err, signal);
    } finally {
      finish(signal);
    }
  }

  /** Refreshes the study on the active sheet (or finds the sheet holding one) with the parameters written on it. */
  async function refresh() {
    setMessage(null);
    setFieldErrors({});
    setAction("refresh");
    const signal = begin();
    try {
      const result = await services.excelRun((context) => refreshDeepSeekShockSheet(context, (params) => load(params, signal)));
      showParams(result.data.params);
      const { text, missing } = studiedText(result.data);
      const where = refreshedWhere(result);
      report({
        intent: missing > 0 ? "warning" : "success",
        text: `Refreshed "${result.sheetName}"${where.which}: ${text}${where.others}`,
        sheetName: result.sheetName,
      });
    } catch (err) {
      failed(err, signal);
    } finally {
      finish(signal);
    }
  }

  /** The form shows what the sheet holds after a Refresh (the analyst may have changed it there). */
  function showParams(params: ShockParams) {
    setEventDateValue(params.eventDate);
    setBenchmarkValue(params.benchmark);
    setWindow([params.windowStart, params.windowEnd]);
    setEstimationDaysValue(String(params.estimationDays));
    setGapValue(String(params.gap));
    setChosen([...params.layers].sort((a, b) => a - b));
  }

  return {
    layers,
    chosen,
    eventDate,
    benchmark,
    estimationDays,
    gap,
    window,
    // A window read back from the sheet that is no preset is offered beside them, chosen.
    windows: SHOCK_WINDOW_PRESETS.some(([a, b]) => a === window[0] && b === window[1])
      ? SHOCK_WINDOW_PRESETS
      : [...SHOCK_WINDOW_PRESETS, window],
    busy,
    progress,
    action,
    message,
    fieldErrors,
    fieldRefs,
    feedbackRef,
    listedIn,
    listedAcross,
    setEventDate(value: string) {
      setEventDateValue(value);
      clearError("eventDate");
    },
    setBenchmark(value: string) {
      setBenchmarkValue(value);
      clearError("benchmark");
    },
    setEstimationDays(value: string) {
      setEstimationDaysValue(value);
      clearError("estimationDays");
    },
    setGap(value: string) {
      setGapValue(value);
      clearError("gap");
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
    refresh,
    cancel() {
      controller.current?.abort();
    },
    goToSheet,
  };
}

export type DeepSeekShockState = ReturnType<typeof useDeepSeekShock>;
