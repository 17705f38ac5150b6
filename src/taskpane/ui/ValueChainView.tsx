/**
 * Value chain: pick layers and optional live columns, insert a formatted table.
 * Works offline: the table comes from the built-in knowledge base; only the live columns
 * (AICHAIN formulas) need the data service, and only once Excel calculates them.
 */
import { useState } from "react";
import { Button, Checkbox, Field, Input, Spinner } from "./fluent";
import { PaneServices } from "../services";
import { insertValueChainSheet } from "../sheets/valueChainSheet";
import { valueChainPlan } from "../sheets/valueChainPlan";
import { Feedback, FeedbackMessage } from "./Feedback";
import { useFormStyles } from "./formStyles";

export function ValueChainView({ services }: { services: PaneServices }) {
  const styles = useFormStyles();
  const { layers } = services.chain;
  const [chosen, setChosen] = useState<number[]>(layers.map((l) => l.id));
  const [price, setPrice] = useState(false);
  const [withReturn, setWithReturn] = useState(false);
  const [returnSince, setReturnSince] = useState("2025-01-01");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FeedbackMessage | null>(null);

  const toggle = (id: number, on: boolean) =>
    setChosen((prev) => (on ? [...prev, id].sort((a, b) => a - b) : prev.filter((x) => x !== id)));

  async function insert() {
    setBusy(true);
    setMessage(null);
    try {
      const plan = valueChainPlan(services.chain, chosen, { price, returnSince: withReturn ? returnSince : null, today: services.today() });
      const result = await services.excelRun((context) => insertValueChainSheet(context, plan));
      const rows = plan.table.rect.rows - 1;
      setMessage({ intent: "success", text: `Inserted "${result.sheetName}": ${rows} rows in ${chosen.length} layer(s).` });
    } catch (err) {
      setMessage({ intent: "error", text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className={styles.form}
      aria-label="Insert the value chain"
      onSubmit={(e) => {
        e.preventDefault();
        void insert();
      }}
    >
      <fieldset className={styles.group} style={{ border: "none", padding: 0, margin: 0 }}>
        <legend>Layers</legend>
        {layers.map((layer) => (
          <Checkbox
            key={layer.id}
            label={`${layer.id}. ${layer.name}${layer.theme ? ` (${layer.theme})` : ""}`}
            checked={chosen.includes(layer.id)}
            onChange={(_, data) => toggle(layer.id, data.checked === true)}
          />
        ))}
      </fieldset>
      <fieldset className={styles.group} style={{ border: "none", padding: 0, margin: 0 }}>
        <legend>Live columns (AICHAIN formulas)</legend>
        <Checkbox label="Latest price" checked={price} onChange={(_, d) => setPrice(d.checked === true)} />
        <Checkbox label="Return since a date" checked={withReturn} onChange={(_, d) => setWithReturn(d.checked === true)} />
        {withReturn && (
          <Field label="Return since" hint="Private companies stay blank.">
            <Input type="date" value={returnSince} onChange={(_, d) => setReturnSince(d.value)} />
          </Field>
        )}
      </fieldset>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy || chosen.length === 0} data-testid="insert-chain">
          Insert value chain
        </Button>
        {busy && <Spinner size="tiny" label="Writing the sheet…" />}
      </div>
      <Feedback message={message} testId="chain-feedback" />
    </form>
  );
}
