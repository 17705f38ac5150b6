/**
 * Value chain: pick layers and optional live columns, insert a formatted table.
 * Works offline: the table comes from the built-in knowledge base; only the live columns
 * need the data service, and only once Excel calculates them.
 * State and the insert action live in useValueChain; this file only draws them.
 */
import { Button, Checkbox, Field, Spinner } from "./fluent";
import { PaneServices } from "../services";
import { ValueChainState, useValueChain } from "../hooks/useValueChain";
import { ActionFooter } from "./ActionFooter";
import { DateInput } from "./DateInput";
import { ChoiceGroup } from "./ChoiceGroup";
import { Feedback } from "./Feedback";
import { useFormStyles } from "./formStyles";
import { countOf } from "./words";

/** The layer's theme when it adds something the name does not already say. */
function themeOf(layer: { name: string; theme?: string }): string | undefined {
  if (!layer.theme || layer.name.toLowerCase().includes(layer.theme.toLowerCase())) return undefined;
  return layer.theme;
}

export function ValueChainView({ services }: { services: PaneServices }) {
  return <ValueChainForm state={useValueChain(services)} />;
}

export function ValueChainForm({ state: s }: { state: ValueChainState }) {
  const styles = useFormStyles();
  return (
    <form
      className={styles.form}
      aria-label="Insert the value chain"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void s.insert();
      }}
    >
      <ChoiceGroup label="Layers" error={s.fieldErrors.layers} hint={`${countOf(s.chosen.length, "layer")} chosen`}>
        <div className={styles.selectAll}>
          <Button size="small" appearance="subtle" onClick={s.selectAll} data-testid="layers-all">
            Select all
          </Button>
          <Button size="small" appearance="subtle" onClick={s.selectNone} data-testid="layers-none">
            Select none
          </Button>
        </div>
        {s.layers.map((layer, i) => {
          const about = [themeOf(layer), countOf(s.companiesIn(layer.id), "company", "companies")].filter(Boolean).join(" · ");
          return (
            <div key={layer.id} className={styles.fundMain}>
              <Checkbox
                ref={i === 0 ? s.fieldRefs.layers : undefined}
                label={layer.name}
                checked={s.chosen.includes(layer.id)}
                onChange={(_, data) => s.toggle(layer.id, data.checked === true)}
                aria-describedby={`layer-${layer.id}-about`}
              />
              <span id={`layer-${layer.id}-about`} className={styles.fundAbout}>
                {about}
              </span>
            </div>
          );
        })}
      </ChoiceGroup>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Live columns</legend>
        <span className={styles.hint}>Formulas that recalculate from the AICHAIN data service.</span>
        <Checkbox label="Latest price" checked={s.price} onChange={(_, d) => s.setPrice(d.checked === true)} />
        <Checkbox label="Return since a date" checked={s.withReturn} onChange={(_, d) => s.setWithReturn(d.checked === true)} />
        {s.withReturn && (
          <Field
            label="Return since"
            validationState={s.fieldErrors.returnSince ? "error" : "none"}
            validationMessage={s.fieldErrors.returnSince}
            hint={s.fieldErrors.returnSince ? undefined : "Private companies stay blank."}
          >
            <DateInput
              ref={s.fieldRefs.returnSince}
              value={s.returnSince}
              onChange={s.setReturnSince}
              data-testid="return-since"
            />
          </Field>
        )}
      </fieldset>
      <ActionFooter testId="chain-footer">
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={s.busy} data-testid="insert-chain">
            Insert value chain
          </Button>
          {s.busy && <Spinner size="tiny" label="Writing the sheet…" />}
        </div>
        <Feedback
          ref={s.feedbackRef}
          message={s.message}
          testId="chain-feedback"
          onGoToSheet={(name) => void s.goToSheet(name)}
        />
      </ActionFooter>
    </form>
  );
}
