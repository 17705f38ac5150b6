/**
 * DeepSeek shock: an event study of every listed value-chain company around one date, against a
 * benchmark, over a chosen window and estimation period; inserts a sheet with the company table,
 * layer averages, a verdict line per IOT Analytics claim and two charts, or refreshes one in place.
 * State and actions live in useDeepSeekShock; this file only draws them.
 */
import { Button, Checkbox, Field, Input, ProgressBar, Radio, RadioGroup } from "./fluent";
import { PaneServices } from "../services";
import { eventWindowLabel } from "../../market";
import { DeepSeekShockState, useDeepSeekShock } from "../hooks/useDeepSeekShock";
import { ActionFooter } from "./ActionFooter";
import { ChoiceGroup } from "./ChoiceGroup";
import { DateInput } from "./DateInput";
import { Feedback } from "./Feedback";
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
  return (
    <form
      className={styles.form}
      aria-label="Insert the DeepSeek shock event study"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void s.insert();
      }}
    >
      <div className={styles.dates}>
        <Field
          label="Event date"
          className={styles.grow}
          validationState={s.fieldErrors.eventDate ? "error" : "none"}
          validationMessage={s.fieldErrors.eventDate}
          hint={s.fieldErrors.eventDate ? undefined : "Day 0 of the window."}
        >
          <DateInput ref={s.fieldRefs.eventDate} value={s.eventDate} onChange={s.setEventDate} data-testid="shock-date" />
        </Field>
        <Field
          label="Benchmark"
          className={styles.grow}
          validationState={s.fieldErrors.benchmark ? "error" : "none"}
          validationMessage={s.fieldErrors.benchmark}
          hint={s.fieldErrors.benchmark ? undefined : "QQQ, SOXX, SPY or any symbol."}
        >
          <Input
            ref={s.fieldRefs.benchmark}
            value={s.benchmark}
            placeholder="e.g. QQQ"
            input={{ size: 10 }}
            style={{ minWidth: 0 }}
            autoComplete="off"
            onChange={(_, d) => s.setBenchmark(d.value)}
            data-testid="shock-benchmark"
          />
        </Field>
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
        <Field
          label="Estimation days"
          className={styles.grow}
          validationState={s.fieldErrors.estimationDays ? "error" : "none"}
          validationMessage={s.fieldErrors.estimationDays}
          hint={s.fieldErrors.estimationDays ? undefined : "Trading days the market model is fitted on."}
        >
          <Input
            ref={s.fieldRefs.estimationDays}
            value={s.estimationDays}
            inputMode="numeric"
            input={{ size: 5 }}
            style={{ minWidth: 0 }}
            autoComplete="off"
            onChange={(_, d) => s.setEstimationDays(d.value)}
            data-testid="shock-estimation"
          />
        </Field>
        <Field
          label="Gap"
          className={styles.grow}
          validationState={s.fieldErrors.gap ? "error" : "none"}
          validationMessage={s.fieldErrors.gap}
          hint={s.fieldErrors.gap ? undefined : "Trading days between the estimation and the window."}
        >
          <Input
            ref={s.fieldRefs.gap}
            value={s.gap}
            inputMode="numeric"
            input={{ size: 5 }}
            style={{ minWidth: 0 }}
            autoComplete="off"
            onChange={(_, d) => s.setGap(d.value)}
            data-testid="shock-gap"
          />
        </Field>
      </div>
      <ChoiceGroup
        label="Layers"
        error={s.fieldErrors.layers}
        hint={`${countOf(s.chosen.length, "layer")} chosen, ${countOf(listed, "listed company", "listed companies")}`}
      >
        <div className={styles.selectAll}>
          <Button size="small" appearance="subtle" onClick={s.selectAll} data-testid="shock-layers-all">
            Select all
          </Button>
          <Button size="small" appearance="subtle" onClick={s.selectNone} data-testid="shock-layers-none">
            Select none
          </Button>
        </div>
        {s.layers.map((layer, i) => (
          <div key={layer.id} className={styles.fundMain}>
            <Checkbox
              ref={i === 0 ? s.fieldRefs.layers : undefined}
              label={layer.name}
              checked={s.chosen.includes(layer.id)}
              onChange={(_, data) => s.toggle(layer.id, data.checked === true)}
              aria-describedby={`shock-layer-${layer.id}-about`}
            />
            <span id={`shock-layer-${layer.id}-about`} className={styles.fundAbout}>
              {countOf(s.listedIn(layer.id), "listed company", "listed companies")}
            </span>
          </div>
        ))}
      </ChoiceGroup>
      <ActionFooter testId="shock-footer">
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={s.busy !== ""} data-testid="insert-shock">
            Insert event study
          </Button>
          <Button onClick={() => void s.refresh()} disabled={s.busy !== ""} data-testid="refresh-shock">
            Refresh sheet
          </Button>
          {s.busy === "loading" && (
            <Button onClick={s.cancel} data-testid="cancel-shock">
              Cancel
            </Button>
          )}
        </div>
        <div role="status" aria-live="polite" data-testid="shock-progress">
          {s.busy !== "" && (
            <Field validationMessage={progressText(s, listed)} validationState="none">
              <ProgressBar
                aria-label="Progress"
                value={s.busy === "loading" && s.progress && s.progress.total > 0 ? s.progress.done / s.progress.total : undefined}
              />
            </Field>
          )}
        </div>
        <Feedback
          ref={s.feedbackRef}
          message={s.message}
          testId="shock-feedback"
          onGoToSheet={(name) => void s.goToSheet(name)}
        />
      </ActionFooter>
    </form>
  );
}
