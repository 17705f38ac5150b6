/**
 * ETF comparison: pick funds (any symbol can be added once the data service confirms it has
 * prices), a period, total or price return and an interval; insert a sheet with a summary, a
 * growth-of-100 table and two charts, or refresh the comparison on the active sheet.
 */
import { useState } from "react";
import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  ProgressBar,
  Radio,
  RadioGroup,
} from "./fluent";
import { LoadProgress, MAX_COMPARED_FUNDS, checkComparisonParams, loadComparisonData } from "../data/comparisonData";
import { SeriesStatus, describeDataError, statusText } from "../data/dataStatus";
import { DEFAULT_START, PRESET_FUNDS, PaneServices } from "../services";
import { ComparisonInterval, ComparisonKind, ComparisonParams } from "../sheets/comparisonTypes";
import { insertEtfComparisonSheet, refreshEtfComparisonSheet } from "../sheets/etfComparisonSheet";
import { Feedback, FeedbackMessage } from "./Feedback";
import { useFormStyles } from "./formStyles";

const SYMBOL = /^[A-Z0-9^][A-Z0-9.\-=^]{0,19}$/;
const INTERVALS: { value: ComparisonInterval; label: string }[] = [
  { value: "daily", label: "Daily" },
  { value: "weekly", label: "Weekly" },
  { value: "monthly", label: "Monthly" },
];

interface Fund {
  symbol: string;
  checked: boolean;
}

export function EtfComparisonView({ services }: { services: PaneServices }) {
  const styles = useFormStyles();
  const [funds, setFunds] = useState<Fund[]>(PRESET_FUNDS.map((symbol) => ({ symbol, checked: true })));
  const [newSymbol, setNewSymbol] = useState("");
  const [start, setStart] = useState(DEFAULT_START);
  const [end, setEnd] = useState(services.today());
  const [kind, setKind] = useState<ComparisonKind>("total");
  const [interval, setInterval] = useState<ComparisonInterval>("daily");
  const [busy, setBusy] = useState<"" | "adding" | "inserting" | "refreshing">("");
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const [message, setMessage] = useState<FeedbackMessage | null>(null);
  const [status, setStatus] = useState<SeriesStatus | null>(null);

  const chosen = funds.filter((f) => f.checked).map((f) => f.symbol);

  const loader = (params: ComparisonParams) => {
    setProgress({ symbol: "", done: 0, total: params.symbols.length });
    return loadComparisonData(params, services.client(), {
      onProgress: setProgress,
      nameFor: services.nameFor,
      today: services.today(),
    });
  };

  function fail(err: unknown) {
    setMessage({ intent: "error", text: describeDataError(err).text });
  }

  async function addSymbol() {
    const symbol = newSymbol.trim().toUpperCase();
    setMessage(null);
    if (!SYMBOL.test(symbol)) {
      setMessage({ intent: "error", text: `"${newSymbol}" is not a symbol (Yahoo spelling, e.g. SMH or 2800.HK).` });
      return;
    }
    if (funds.some((f) => f.symbol === symbol)) {
      setFunds((prev) => prev.map((f) => (f.symbol === symbol ? { ...f, checked: true } : f)));
      setNewSymbol("");
      return;
    }
    if (chosen.length >= MAX_COMPARED_FUNDS) {
      setMessage({ intent: "error", text: `Compare at most ${MAX_COMPARED_FUNDS} funds at a time: untick one before adding ${symbol}.` });
      return;
    }
    try {
      // The period must make sense before the service is asked whether the symbol has prices in it.
      const today = services.today();
      checkComparisonParams({ symbols: [symbol], start, end: !end || end >= today ? null : end, kind, interval }, today);
    } catch (err) {
      fail(err);
      return;
    }
    setBusy("adding");
    try {
      // Checked against the chosen period, so a symbol is only added when it can be compared.
      const history = await services.client().history(symbol, start, end || undefined);
      if (history.bars.length === 0) throw new Error(`No prices for ${symbol} between ${start} and ${end}.`);
      setFunds((prev) => [...prev, { symbol, checked: true }]);
      setNewSymbol("");
      setStatus(history);
      setMessage({ intent: "success", text: `Added ${symbol} (${history.currency}, ${history.bars.length} days of prices).` });
    } catch (err) {
      fail(err);
    } finally {
      setBusy("");
    }
  }

  async function insert() {
    setBusy("inserting");
    setMessage(null);
    try {
      const today = services.today();
      const params: ComparisonParams = {
        symbols: chosen,
        start,
        // Up to today means "the latest": a refresh later brings the sheet up to date.
        end: !end || end >= today ? null : end,
        kind,
        interval,
      };
      const data = await loader(params);
      setStatus({ source: data.sources.join(", "), asOf: data.asOf, stale: data.stale });
      const result = await services.excelRun((context) => insertEtfComparisonSheet(context, data));
      const done = `Inserted "${result.sheetName}": ${data.rows.length} funds, ${data.growth.dates.length} dates.`;
      // Funds left out are named beside the success, as on the sheet.
      setMessage(
        result.messages.length > 0
          ? { intent: "warning", text: `${done} ${result.messages.join(". ")}.` }
          : { intent: "success", text: done },
      );
    } catch (err) {
      fail(err);
    } finally {
      setBusy("");
      setProgress(null);
    }
  }

  async function refresh() {
    setBusy("refreshing");
    setMessage(null);
    try {
      let loaded: { sources: string[]; asOf: string; stale: boolean } | null = null;
      const result = await services.excelRun((context) =>
        refreshEtfComparisonSheet(context, async (params) => {
          const data = await loader(params);
          loaded = data;
          return data;
        }),
      );
      const fresh = loaded as { sources: string[]; asOf: string; stale: boolean } | null;
      if (fresh) setStatus({ source: fresh.sources.join(", "), asOf: fresh.asOf, stale: fresh.stale });
      const done = `Refreshed the comparison on "${result.sheetName}".`;
      setMessage(
        result.messages.length > 0
          ? { intent: "warning", text: `${done} ${result.messages.join(". ")}.` }
          : { intent: "success", text: done },
      );
    } catch (err) {
      fail(err);
    } finally {
      setBusy("");
      setProgress(null);
    }
  }

  const progressText = progress
    ? progress.done === 0
      ? `Loading ${progress.total} fund(s)…`
      : `Loaded ${progress.symbol} (${progress.done} of ${progress.total})`
    : "";

  return (
    <form
      className={styles.form}
      aria-label="Insert an ETF comparison"
      onSubmit={(e) => {
        e.preventDefault();
        void insert();
      }}
    >
      <fieldset className={styles.group} style={{ border: "none", padding: 0, margin: 0 }}>
        <legend>Funds</legend>
        {funds.map((fund) => (
          <Checkbox
            key={fund.symbol}
            label={services.nameFor(fund.symbol) ? `${fund.symbol} — ${services.nameFor(fund.symbol)}` : fund.symbol}
            checked={fund.checked}
            onChange={(_, d) =>
              setFunds((prev) => prev.map((f) => (f.symbol === fund.symbol ? { ...f, checked: d.checked === true } : f)))
            }
          />
        ))}
      </fieldset>
      <div className={styles.row}>
        <Field label="Add a symbol" className={styles.grow}>
          <Input
            value={newSymbol}
            placeholder="e.g. SMH"
            onChange={(_, d) => setNewSymbol(d.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void addSymbol();
              }
            }}
            data-testid="add-symbol-input"
          />
        </Field>
        <Button onClick={() => void addSymbol()} disabled={busy !== "" || newSymbol.trim() === ""} data-testid="add-symbol">
          {busy === "adding" ? "Checking…" : "Add"}
        </Button>
      </div>
      <span className={styles.hintUnder}>A symbol is added once the data service has prices for it in the period.</span>
      <div className={styles.dates}>
        <Field label="Start" className={styles.grow}>
          <Input type="date" value={start} onChange={(_, d) => setStart(d.value)} data-testid="start-date" />
        </Field>
        <Field label="End" className={styles.grow} hint="Today means the latest data.">
          <Input type="date" value={end} onChange={(_, d) => setEnd(d.value)} data-testid="end-date" />
        </Field>
      </div>
      <Field label="Return">
        <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as ComparisonKind)}>
          <Radio value="total" label="Total (dividends reinvested)" />
          <Radio value="price" label="Price only" />
        </RadioGroup>
      </Field>
      <Field label="Interval of the growth table">
        <Dropdown
          value={INTERVALS.find((i) => i.value === interval)?.label}
          selectedOptions={[interval]}
          onOptionSelect={(_, d) => setInterval((d.optionValue as ComparisonInterval) ?? "daily")}
        >
          {INTERVALS.map((i) => (
            <Option key={i.value} value={i.value}>
              {i.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy !== "" || chosen.length === 0} data-testid="insert-etf">
          Insert comparison
        </Button>
        <Button onClick={() => void refresh()} disabled={busy !== ""} data-testid="refresh-etf">
          Refresh active sheet
        </Button>
      </div>
      <div role="status" aria-live="polite" data-testid="etf-progress">
        {progress && (
          <Field validationMessage={progressText} validationState="none">
            <ProgressBar
              value={progress.total ? progress.done / progress.total : undefined}
              aria-label="Market data loaded"
            />
          </Field>
        )}
      </div>
      <Feedback message={message} testId="etf-feedback" />
      <div role="status" aria-live="polite" className={styles.status} data-testid="data-status">
        {status ? statusText(status, services.now()) : "Data: not loaded yet"}
      </div>
    </form>
  );
}
