/**
 * ETF comparison: pick funds (any symbol can be added once the data service confirms it has
 * prices), a period, total or price return and the rows of the growth table; insert a sheet with
 * a summary, a growth-of-100 table and two charts, or refresh the comparison on the active sheet.
 * State and actions live in useEtfComparison; this file only draws them.
 */
import { Button, Dropdown, Field, Option, Radio, RadioGroup } from "./fluent";
import { statusText } from "../data/dataStatus";
import { PaneServices } from "../services";
import { ComparisonInterval, ComparisonKind } from "../sheets/comparisonTypes";
import { EtfComparisonState, FundChoice, useEtfComparison } from "../hooks/useEtfComparison";
import { ActionFooter } from "./ActionFooter";
import { DateInput } from "./DateInput";
import { ChoiceGroup } from "./ChoiceGroup";
import { Feedback } from "./Feedback";
import { BusyProgress, CheckedField, DescribedCheckbox, PaneForm, SheetActions, ShortInput } from "./formParts";
import { useFormStyles } from "./formStyles";
import { countOf } from "./words";

const INTERVALS: { value: ComparisonInterval; label: string }[] = [
  { value: "daily", label: "Daily" },
  { value: "weekly", label: "Weekly" },
  { value: "monthly", label: "Monthly" },
];

/** The fund's name, then the dates its prices cover (kept on one line). */
function FundAbout({ fund, noWrap }: { fund: FundChoice; noWrap: string }) {
  const { name, coverage } = fund;
  return (
    <>
      {name}
      {name && coverage && <br />}
      {coverage && <span className={noWrap}>{`${coverage.currency} · ${coverage.first} to ${coverage.last}`}</span>}
    </>
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
    <PaneForm label="Insert an ETF comparison" onSubmit={() => void s.insert()}>
      <ChoiceGroup
        label="Funds"
        error={s.fieldErrors.funds}
        hint={`${countOf(s.chosen.length, "fund")} chosen`}
        testId="fund-list"
      >
        {s.funds.map((fund, i) => (
          <div key={fund.symbol} className={styles.fundRow}>
            <DescribedCheckbox
              id={`fund-${fund.symbol}`}
              inputRef={i === 0 ? s.fieldRefs.funds : undefined}
              label={fund.symbol}
              checked={fund.checked}
              onChange={(on) => s.toggleFund(fund.symbol, on)}
              about={<FundAbout fund={fund} noWrap={styles.noWrap} />}
            />
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
        <CheckedField
          label="Add a symbol"
          error={s.fieldErrors.symbol}
          hint="Added once the data service has prices for it in the period."
        >
          <ShortInput
            ref={s.fieldRefs.symbol}
            value={s.newSymbol}
            onChange={s.setNewSymbol}
            size={10}
            placeholder="e.g. SMH"
            onEnter={() => void s.addSymbol()}
            data-testid="add-symbol-input"
          />
        </CheckedField>
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
          <CheckedField label="Start" error={s.fieldErrors.start}>
            <DateInput ref={s.fieldRefs.start} value={s.start} onChange={s.setStart} data-testid="start-date" />
          </CheckedField>
          <CheckedField label="End" error={s.fieldErrors.end} hint="Today or later means the latest data.">
            <DateInput ref={s.fieldRefs.end} value={s.end} onChange={s.setEnd} data-testid="end-date" />
          </CheckedField>
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
        <SheetActions
          insertLabel="Insert comparison"
          disabled={s.busy !== ""}
          cancellable={loading}
          onRefresh={() => void s.refresh()}
          onCancel={s.cancel}
          testIdSuffix="etf"
        />
        <BusyProgress
          busy={s.busy !== ""}
          text={progressText}
          fraction={s.progress && s.progress.total ? s.progress.done / s.progress.total : undefined}
          testId="etf-progress"
        />
        <Feedback ref={s.feedbackRef} message={s.message} testId="etf-feedback" onGoToSheet={(name) => void s.goToSheet(name)} />
      </ActionFooter>
    </PaneForm>
  );
}
