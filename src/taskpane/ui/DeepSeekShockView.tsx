/**
 * DeepSeek shock: an event study of every listed value-chain company around one date, against a
 * benchmark, over a chosen window and estimation period; inserts a sheet with the company table,
 * layer averages, a verdict line per IOT Analytics claim and two charts, or refreshes one in place.
 * State and actions live in useDeepSeekShock; this file only draws them.
 */
import { Field, Radio, RadioGroup } from "./fluent";
import { PaneServices } from "../services";
import { eventWindowLabel } from "../../market";
import { DeepSeekShockState, useDeepSeekShock } from "../hooks/useDeepSeekShock";
import { ActionFooter } from "./ActionFooter";
import { ChoiceGroup } from "./ChoiceGroup";
import { DateInput } from "./DateInput";
import { Feedback } from "./Feedback";
import { BusyProgress, CheckedField, DescribedCheckbox, PaneForm, SelectAllNone, SheetActions, ShortInput } from "./formParts";
import { useFormStyles } from "./formStyles";
import { countOf } from "./words";

const windowKey = (w: readonly [number, number]) => `${w[0]},${w[1]}`;

/** What each window measures, in words. */
function windowHint([start, end]: readonly [number, number]): string {
  const days = end - start + 1;
  const from = start < 0 ? `${countOf(-start, "trading day")} before` : "the event day";
  const to = end > 0 ? `${countOf(end, "trading day")} after` : "the event day";
  return start === end ? "The event day only." : `${countOf(days, "trading day")}: from ${from} to ${to}.`;
}

/** "Loading prices: 23 of 61 companies" once the loader counts, else what is being loaded. */
function progressText(s: DeepSeekShockState, listed: number): string {
  if (s.busy === "writing") return "Writing the sheet…";
  const what = s.action === "refresh" ? "Loading prices for the study on the sheet" : "Loading prices";
  if (s.progress && s.progress.total > 0)
    return `${what}: ${s.progress.done} of ${countOf(s.progress.total, "company", "companies")}…`;
  return s.action === "refresh"
    ? `${what}…`
    : `Loading prices for ${countOf(listed, "company", "companies")} and ${s.benchmark.trim().toUpperCase()}…`;
}

export function DeepSeekShockView({ services }: { services: PaneServices }) {
  return <DeepSeekShockForm state={useDeepSeekShock(services)} />;
}

export function DeepSeekShockForm({ state: s }: { state: DeepSeekShockState }) {
  const styles = useFormStyles();
  // A company listed in two chosen layers is studied once.
  const listed = s.listedAcross(s.chosen);
  const e = s.fieldErrors;
  return (
    <PaneForm label="Insert the DeepSeek shock event study" onSubmit={() => void s.insert()}>
      <div className={styles.dates}>
        <CheckedField label="Event date" error={e.eventDate} hint="Day 0 of the window.">
          <DateInput ref={s.fieldRefs.eventDate} value={s.eventDate} onChange={s.setEventDate} data-testid="shock-date" />
        </CheckedField>
        <CheckedField label="Benchmark" error={e.benchmark} hint="QQQ, SOXX, SPY or any symbol.">
          <ShortInput
            ref={s.fieldRefs.benchmark}
            value={s.benchmark}
            onChange={s.setBenchmark}
            size={10}
            placeholder="e.g. QQQ"
            data-testid="shock-benchmark"
          />
        </CheckedField>
      </div>
      <Field label="Event window (trading days)" hint={windowHint(s.window)}>
        <RadioGroup
          layout="horizontal"
          // Four windows do not fit one line of the narrowest pane: they wrap instead of being cut.
          style={{ flexWrap: "wrap" }}
          value={windowKey(s.window)}
          onChange={(_, d) => {
            const picked = s.windows.find((w) => windowKey(w) === d.value);
            if (picked) s.setWindow(picked);
          }}
        >
          {s.windows.map((w) => (
            <Radio key={windowKey(w)} value={windowKey(w)} label={eventWindowLabel(w[0], w[1])} />
          ))}
        </RadioGroup>
      </Field>
      <div className={styles.dates}>
        <CheckedField label="Estimation days" error={e.estimationDays} hint="Trading days the market model is fitted on.">
          <ShortInput
            ref={s.fieldRefs.estimationDays}
            value={s.estimationDays}
            onChange={s.setEstimationDays}
            size={5}
            numeric
            data-testid="shock-estimation"
          />
        </CheckedField>
        <CheckedField label="Gap" error={e.gap} hint="Trading days between the estimation and the window.">
          <ShortInput ref={s.fieldRefs.gap} value={s.gap} onChange={s.setGap} size={5} numeric data-testid="shock-gap" />
        </CheckedField>
      </div>
      <ChoiceGroup
        label="Layers"
        error={e.layers}
        hint={`${countOf(s.chosen.length, "layer")} chosen, ${countOf(listed, "listed company", "listed companies")}`}
      >
        <SelectAllNone onAll={s.selectAll} onNone={s.selectNone} testIdPrefix="shock-layers" />
        {s.layers.map((layer, i) => (
          <DescribedCheckbox
            key={layer.id}
            id={`shock-layer-${layer.id}`}
            inputRef={i === 0 ? s.fieldRefs.layers : undefined}
            label={layer.name}
            checked={s.chosen.includes(layer.id)}
            onChange={(on) => s.toggle(layer.id, on)}
            about={countOf(s.listedIn(layer.id), "listed company", "listed companies")}
          />
        ))}
      </ChoiceGroup>
      <ActionFooter testId="shock-footer">
        <SheetActions
          insertLabel="Insert event study"
          disabled={s.busy !== ""}
          cancellable={s.busy === "loading"}
          onRefresh={() => void s.refresh()}
          onCancel={s.cancel}
          testIdSuffix="shock"
        />
        <BusyProgress
          busy={s.busy !== ""}
          text={progressText(s, listed)}
          fraction={s.busy === "loading" && s.progress && s.progress.total > 0 ? s.progress.done / s.progress.total : undefined}
          testId="shock-progress"
        />
        <Feedback
          ref={s.feedbackRef}
          message={s.message}
          testId="shock-feedback"
          onGoToSheet={(name) => void s.goToSheet(name)}
        />
      </ActionFooter>
    </PaneForm>
  );
}
