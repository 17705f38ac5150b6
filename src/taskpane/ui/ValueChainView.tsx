/**
 * Value chain: pick layers and optional live columns, insert a formatted table.
 * Works offline: the table comes from the built-in knowledge base; only the live columns
 * need the data service, and only once Excel calculates them.
 * State and the insert action live in useValueChain; this file only draws them.
 */
import { Button, Checkbox, Spinner } from "./fluent";
import { PaneServices } from "../services";
import { ValueChainState, useValueChain } from "../hooks/useValueChain";
import { ActionFooter } from "./ActionFooter";
import { DateInput } from "./DateInput";
import { ChoiceGroup } from "./ChoiceGroup";
import { Feedback } from "./Feedback";
import { CheckedField, DescribedCheckbox, PaneForm, SelectAllNone } from "./formParts";
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
    <PaneForm label="Insert the value chain" onSubmit={() => void s.insert()}>
      <ChoiceGroup label="Layers" error={s.fieldErrors.layers} hint={`${countOf(s.chosen.length, "layer")} chosen`}>
        <SelectAllNone onAll={s.selectAll} onNone={s.selectNone} testIdPrefix="layers" />
        {s.layers.map((layer, i) => (
          <DescribedCheckbox
            key={layer.id}
            id={`layer-${layer.id}`}
            inputRef={i === 0 ? s.fieldRefs.layers : undefined}
            label={layer.name}
            checked={s.chosen.includes(layer.id)}
            onChange={(on) => s.toggle(layer.id, on)}
            about={[themeOf(layer), countOf(s.companiesIn(layer.id), "company", "companies")].filter(Boolean).join(" · ")}
          />
        ))}
      </ChoiceGroup>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Live columns</legend>
        <span className={styles.hint}>Formulas that recalculate from the AICHAIN data service.</span>
        <Checkbox label="Latest price" checked={s.price} onChange={(_, d) => s.setPrice(d.checked === true)} />
        <Checkbox label="Return since a date" checked={s.withReturn} onChange={(_, d) => s.setWithReturn(d.checked === true)} />
        {s.withReturn && (
          <CheckedField label="Return since" grow={false} error={s.fieldErrors.returnSince} hint="Private companies stay blank.">
            <DateInput
              ref={s.fieldRefs.returnSince}
              value={s.returnSince}
              onChange={s.setReturnSince}
              data-testid="return-since"
            />
          </CheckedField>
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
    </PaneForm>
  );
}
