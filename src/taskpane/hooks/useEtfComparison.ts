/**
 * The ETF comparison's state and actions, apart from how they are drawn: the funds (presets and
 * added symbols with the dates their data covers), the period, the options, and insert / refresh /
 * cancel with their progress and result.
 */
import { RefObject, useRef, useState } from "react";
import { LoadProgress, loadComparisonData } from "../data/comparisonData";
import { SeriesStatus, describeDataError } from "../data/dataStatus";
import { DEFAULT_START, PRESET_FUNDS, PaneServices } from "../services";
import { ComparisonData, ComparisonInterval, ComparisonKind, ComparisonParams, SummaryRow } from "../sheets/comparisonTypes";
import { insertEtfComparisonSheet, refreshEtfComparisonSheet } from "../sheets/etfComparisonSheet";
import type { FeedbackMessage } from "../ui/Feedback";
import { PERIOD_PRESETS, PeriodPreset, matchingPreset } from "../ui/periodPresets";
import { countOf } from "../ui/words";
import { CancelledError, abortableClient } from "./abortableClient";
import { ComparisonField, FieldErrors, endParam, firstInvalid, fundsError, periodErrors } from "./comparisonFieldErrors";
import { useFeedback } from "./useFeedback";
import { usePendingFocus } from "./usePendingFocus";

export interface Coverage {
  first: string;
  last: string;
  currency: string;
}

export interface FundChoice {
  symbol: string;
  checked: boolean;
  /** Added by the analyst (and so removable), rather than one of the article's funds. */
  added: boolean;
  name?: string;
  /** The dates the fund's prices cover in the period last loaded. */
  coverage?: Coverage;
}

/** Loading can be cancelled; writing cannot (the workbook is being changed in one batch). */
export type Busy = "" | "adding" | "loading" | "writing";

function coverageOf(row: SummaryRow): Coverage {
  return { first: row.firstDate, last: row.lastDate, currency: row.currency };
}

/** Success, or a warning listing the funds left out (as the sheet names them too). */
function outcome(done: string, result: { sheetName: string; messages: string[] }): FeedbackMessage {
  return result.messages.length > 0
    ? { intent: "warning", text: done, details: result.messages, sheetName: result.sheetName }
    : { intent: "success", text: done, sheetName: result.sheetName };
}

export function useEtfComparison(services: PaneServices) {
  const [funds, setFunds] = useState<FundChoice[]>(() =>
    PRESET_FUNDS.map((symbol) => ({ symbol, checked: true, added: false, name: services.nameFor(symbol) })),
  );
  const [newSymbol, setNewSymbolValue] = useState("");
  const [start, setStartValue] = useState(DEFAULT_START);
  const [end, setEndValue] = useState(() => services.today());
  const [kind, setKind] = useState<ComparisonKind>("total");
  const [interval, setInterval] = useState<ComparisonInterval>("daily");
  const [busy, setBusy] = useState<Busy>("");
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<SeriesStatus | null>(null);
  const controller = useRef<AbortController | null>(null);

  const fieldRefs: Record<ComparisonField, RefObject<HTMLInputElement>> = {
    funds: useRef<HTMLInputElement>(null),
    symbol: useRef<HTMLInputElement>(null),
    start: useRef<HTMLInputElement>(null),
    end: useRef<HTMLInputElement>(null),
  };
  const focusAfterRender = usePendingFocus();
  const { message, setMessage, feedbackRef, report, goToSheet } = useFeedback(services.excelRun, focusAfterRender);

  const chosen = funds.filter((f) => f.checked).map((f) => f.symbol);
  const today = services.today();
  const preset = matchingPreset(start, end, today);

  function clearError(field: ComparisonField) {
    setFieldErrors((prev) => {
      if (prev[field] === undefined) return prev;
      const next = { ...prev };
      delete next[field];
      return next;
    });
  }

  /** Marks the fields at fault and focuses the first; true when there was one. */
  function refuse(errors: FieldErrors): boolean {
    setFieldErrors(errors);
    const first = firstInvalid(errors);
    if (first) focusAfterRender(fieldRefs[first]);
    return first !== undefined;
  }

  function begin(phase: Busy): AbortSignal {
    controller.current?.abort();
    controller.current = new AbortController();
    setBusy(phase);
    setMessage(null);
    return controller.current.signal;
  }

  function finish() {
    controller.current = null;
    setBusy("");
    setProgress(null);
  }

  function failed(err: unknown, signal: AbortSignal) {
    if (signal.aborted || err instanceof CancelledError) {
      report({ intent: "info", text: new CancelledError().message });
    } else {
      report({ intent: "error", text: describeDataError(err).text });
    }
  }

  /** Marks the funds with the dates the loaded data covers. */
  function noteCoverage(rows: SummaryRow[]) {
    const bySymbol = new Map(rows.map((row) => [row.symbol, row]));
    setFunds((prev) =>
      prev.map((f) => {
        const row = bySymbol.get(f.symbol);
        return row ? { ...f, name: f.name ?? (row.name !== row.symbol ? row.name : undefined), coverage: coverageOf(row) } : f;
      }),
    );
  }

  function loader(signal: AbortSignal) {
    return async (params: ComparisonParams): Promise<ComparisonData> => {
      setProgress({ symbol: "", done: 0, total: params.symbols.length });
      const data = await loadComparisonData(params, abortableClient(services.client(), signal), {
        onProgress: setProgress,
        nameFor: services.nameFor,
        today: services.today(),
      });
      // A fund that failed because of Cancel reads as a failed fund; the signal tells the truth.
      if (signal.aborted) throw new CancelledError();
      setBusy("writing");
      setProgress(null);
      return data;
    };
  }

  function loadedStatus(data: ComparisonData): SeriesStatus {
    return { source: data.sources.join(", "), asOf: data.asOf, stale: data.stale };
  }

  async function addSymbol() {
    const now = services.today();
    const raw = newSymbol.trim();
    const symbol = raw.toUpperCase();
    setMessage(null);
    const symbolError = fundsError([raw], now);
    if (symbolError) {
      refuse({ symbol: symbolError });
      return;
    }
    if (funds.some((f) => f.symbol === symbol)) {
      setFunds((prev) => prev.map((f) => (f.symbol === symbol ? { ...f, checked: true } : f)));
      setNewSymbolValue("");
      setFieldErrors({});
      return;
    }
    const tooMany = fundsError([...chosen, symbol], now);
    // The period must make sense before the service is asked whether the symbol has prices in it.
    if (refuse(tooMany ? { symbol: `${tooMany} Untick a fund before adding ${symbol}.` } : periodErrors(start, end, now))) return;
    const signal = begin("adding");
    try {
      const client = abortableClient(services.client(), signal);
      const [history, fund] = await Promise.all([
        client.history(symbol, start, endParam(end, now) ?? undefined),
        client.fund ? client.fund(symbol).catch(() => null) : Promise.resolve(null),
      ]);
      if (history.bars.length === 0) {
        refuse({ symbol: `No prices for ${symbol} between ${start} and ${endParam(end, now) ?? now}.` });
        return;
      }
      const coverage = {
        first: history.bars[0].date,
        last: history.bars[history.bars.length - 1].date,
        currency: history.currency,
      };
      const name = fund?.name || services.nameFor(symbol);
      setFunds((prev) => [...prev, { symbol, checked: true, added: true, name, coverage }]);
      setNewSymbolValue("");
      setStatus(history);
      report({
        intent: "success",
        text: `Added ${symbol}${name ? ` (${name})` : ""}: ${coverage.currency} prices from ${coverage.first} to ${coverage.last}.`,
      });
    } catch (err) {
      const described = describeDataError(err);
      if (!signal.aborted && !(err instanceof CancelledError) && !described.unreachable) refuse({ symbol: described.text });
      else failed(err, signal);
    } finally {
      finish();
    }
  }

  async function insert() {
    const now = services.today();
    const chosenError = fundsError(chosen, now);
    if (refuse({ ...(chosenError ? { funds: chosenError } : {}), ...periodErrors(start, end, now) })) {
      setMessage(null);
      return;
    }
    const signal = begin("loading");
    try {
      // Up to today means "the latest": a refresh later brings the sheet up to date.
      const params: ComparisonParams = { symbols: chosen, start, end: endParam(end, now), kind, interval };
      const data = await loader(signal)(params);
      const result = await services.excelRun((context) => insertEtfComparisonSheet(context, data));
      setStatus(loadedStatus(data));
      noteCoverage(data.rows);
      report(
        outcome(
          `Inserted "${result.sheetName}": ${countOf(data.rows.length, "fund")}, ${countOf(data.growth.dates.length, "date")}.`,
          result,
        ),
      );
    } catch (err) {
      failed(err, signal);
    } finally {
      finish();
    }
  }

  async function refresh() {
    setFieldErrors({});
    const signal = begin("loading");
    try {
      let loaded: ComparisonData | null = null;
      const load = loader(signal);
      const result = await services.excelRun((context) =>
        refreshEtfComparisonSheet(context, async (params) => (loaded = await load(params))),
      );
      const data = loaded as ComparisonData | null;
      if (data) {
        setStatus(loadedStatus(data));
        noteCoverage(data.rows);
      }
      report(outcome(`Refreshed the comparison on "${result.sheetName}".`, result));
    } catch (err) {
      failed(err, signal);
    } finally {
      finish();
    }
  }

  function cancel() {
    controller.current?.abort();
  }

  return {
    funds,
    chosen,
    newSymbol,
    start,
    end,
    kind,
    interval,
    busy,
    progress,
    message,
    fieldErrors,
    status,
    preset,
    presets: PERIOD_PRESETS,
    fieldRefs,
    feedbackRef,
    setNewSymbol(value: string) {
      setNewSymbolValue(value);
      clearError("symbol");
    },
    setStart(value: string) {
      setStartValue(value);
      clearError("start");
    },
    setEnd(value: string) {
      setEndValue(value);
      clearError("end");
    },
    applyPreset(p: PeriodPreset) {
      setStartValue(p.start(services.today()));
      setEndValue(services.today());
      setFieldErrors((prev) => ({ ...prev, start: undefined, end: undefined }));
    },
    setKind,
    setInterval,
    toggleFund(symbol: string, checked: boolean) {
      setFunds((prev) => prev.map((f) => (f.symbol === symbol ? { ...f, checked } : f)));
      clearError("funds");
    },
    removeFund(symbol: string) {
      setFunds((prev) => prev.filter((f) => f.symbol !== symbol));
      clearError("funds");
      // The removed row held focus; the add field is where the analyst goes next.
      focusAfterRender(fieldRefs.symbol);
    },
    addSymbol,
    insert,
    refresh,
    cancel,
    goToSheet,
  };
}

export type EtfComparisonState = ReturnType<typeof useEtfComparison>;
