/**
 * ETF comparison: pick funds (any symbol can be added once the data service confirms it has
 * prices), a period, total or price return and the rows of the growth table; insert a sheet with
 * a summary, a growth-of-100 table and two charts, or refresh the comparison on the active sheet.
 * State and actions live in useEtfComparison; this file only draws them.
 */
import { Button, Checkbox, Dropdown, Field, Option, ProgressBar, Radio, RadioGroup, Input } from "./fluent";
import { statusText } from "../data/dataStatus";
import { PaneServices } from "../services";
import { ComparisonInterval, ComparisonKind } from "../sheets/comparisonTypes";
import { EtfComparisonState, FundChoice, useEtfComparison } from "../hooks/useEtfComparison";
import { ActionFooter } from "./ActionFooter";
import { DateInput } from "./DateInput";
import { ChoiceGroup } from "./ChoiceGroup";
import { Feedback } from "./Feedback";
import { useFormStyles } from "./formStyles";
import { countOf } from "./words";

const INTERVALS: { value: ComparisonInterval; label: string }[] = [
  { value: "daily", label: "Daily" },
  { value: "weekly", label: "Weekly" },
  { value: "monthly", label: "Monthly" },
];

/** The fund's name, then the dates its prices cover (kept on one line). */
function FundAbout({ fund, className, noWrap }: { fund: FundChoice; className: string; noWrap: string }) {
  const { name, coverage } = fund;
  return (
    <span id={`fund-${fund.symbol}-about`} className={className}>
      {name}
      {name && coverage && <br />}
      {coverage && <span className={noWrap}>{`${coverage.currency} · ${coverage.first} to ${coverage.last}`}</span>}
    </span>
  );
}

export function EtfComparisonView({ services }: { services: PaneServices }) {
  return <EtfComparisonForm state={useEtfComparison(services)} now={services.now} />;
}

export function EtfComparisonForm({ state: s, now }: { state: EtfComparisonState; now: () => number }) {
  const styles = useFormStyles();
  const loading = s.busy === "adding" || s.busy === "loading";
  const progressText = s.progress
    ? s.progress.done === 0
      ? `Loading ${countOf(s.progress.total, "fund")}…`
      : `Loaded ${s.progress.symbol} (${s.progress.done} of ${s.progress.total})`
    : s.busy === "writing"
      ? "Writing the sheet…"
      : s.busy === "adding"
        ? "Checking the symbol with the data service…"
        : "";

  return (
    <form
      className={styles.form}
      aria-label="Insert an ETF comparison"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void s.insert();
      }}
    >
      <ChoiceGroup
        label="Funds"
        error={s.fieldErrors.funds}
        hint={`${countOf(s.chosen.length, "fund")} chosen`}
        testId="fund-list"
      >
        {s.funds.map((fund, i) => (
          <div key={fund.symbol} className={styles.fundRow}>
            <div className={styles.fundMain}>
              <Checkbox
                ref={i === 0 ? s.fieldRefs.funds : undefined}
                label={fund.symbol}
                checked={fund.checked}
                onChange={(_, d) => s.toggleFund(fund.symbol, d.checked === true)}
                aria-describedby={`fund-${fund.symbol}-about`}
              />
              <FundAbout fund={fund} className={styles.fundAbout} noWrap={styles.noWrap} />
            </div>
            {fund.added && (
              <Button
                size="small"
                appearance="subtle"
                aria-label={`Remove ${fund.symbol}`}
                disabled={s.busy !== ""}
                onClick={() => s.removeFund(fund.symbol)}
              >
                Remove
              </Button>
            )}
          </div>
        ))}
      </ChoiceGroup>
      <div className={styles.row}>
        <Field
          label="Add a symbol"
          className={styles.grow}
          validationState={s.fieldErrors.symbol ? "error" : "none"}
          validationMessage={s.fieldErrors.symbol}
          hint={s.fieldErrors.symbol ? undefined : "Added once the data service has prices for it in the period."}
        >
          <Input
            ref={s.fieldRefs.symbol}
            value={s.newSymbol}
            placeholder="e.g. SMH"
            input={{ size: 10 }}
            style={{ minWidth: 0 }}
            onChange={(_, d) => s.setNewSymbol(d.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void s.addSymbol();
              }
            }}
            data-testid="add-symbol-input"
          />
        </Field>
        <Button
          className={styles.addButton}
          onClick={() => void s.addSymbol()}
          disabled={s.busy !== "" || s.newSymbol.trim() === ""}
          data-testid="add-symbol"
        >
          {s.busy === "adding" ? "Checking…" : "Add"}
        </Button>
      </div>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Period</legend>
        <div className={styles.presets} role="group" aria-label="Period presets">
          {s.presets.map((p) => (
            <Button
              key={p.id}
              size="small"
              className={styles.preset}
              appearance={s.preset?.id === p.id ? "primary" : "secondary"}
              aria-pressed={s.preset?.id === p.id}
              onClick={() => s.applyPreset(p)}
              data-testid={`preset-${p.id}`}
            >
              {p.label}
            </Button>
          ))}
        </div>
        {s.preset && <span className={styles.hint}>{s.preset.hint}</span>}
        <div className={styles.dates}>
          <Field
            label="Start"
            className={styles.grow}
            validationState={s.fieldErrors.start ? "error" : "none"}
            validationMessage={s.fieldErrors.start}
          >
            <DateInput ref={s.fieldRefs.start} value={s.start} onChange={s.setStart} data-testid="start-date" />
          </Field>
          <Field
            label="End"
            className={styles.grow}
            validationState={s.fieldErrors.end ? "error" : "none"}
            validationMessage={s.fieldErrors.end}
            hint={s.fieldErrors.end ? undefined : "Today or later means the latest data."}
          >
            <DateInput ref={s.fieldRefs.end} value={s.end} onChange={s.setEnd} data-testid="end-date" />
          </Field>
        </div>
      </fieldset>
      <Field label="Return">
        <RadioGroup value={s.kind} onChange={(_, d) => s.setKind(d.value as ComparisonKind)}>
          <Radio value="total" label="Total return (dividends reinvested)" />
          <Radio value="price" label="Price return" />
        </RadioGroup>
      </Field>
      <Field label="Growth table rows">
        <Dropdown
          value={INTERVALS.find((i) => i.value === s.interval)?.label}
          selectedOptions={[s.interval]}
          onOptionSelect={(_, d) => s.setInterval((d.optionValue as ComparisonInterval) ?? "daily")}
        >
          {INTERVALS.map((i) => (
            <Option key={i.value} value={i.value}>
              {i.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div role="status" aria-live="polite" className={styles.status} data-testid="data-status">
        {s.status ? statusText(s.status, now()) : "Data: not loaded yet"}
      </div>
      <ActionFooter testId="etf-footer">
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={s.busy !== ""} data-testid="insert-etf">
            Insert comparison
          </Button>
          <Button onClick={() => void s.refresh()} disabled={s.busy !== ""} data-testid="refresh-etf">
            Refresh sheet
          </Button>
          {loading && (
            <Button onClick={s.cancel} data-testid="cancel-etf">
              Cancel
            </Button>
          )}
        </div>
        <div role="status" aria-live="polite" data-testid="etf-progress">
          {s.busy !== "" && (
            <Field validationMessage={progressText} validationState="none">
              <ProgressBar
                value={s.progress && s.progress.total ? s.progress.done / s.progress.total : undefined}
                aria-label="Progress"
              />
            </Field>
          )}
        </div>
        <Feedback ref={s.feedbackRef} message={s.message} testId="etf-feedback" onGoToSheet={(name) => void s.goToSheet(name)} />
      </ActionFooter>
    </form>
  );
}
