/** The value-chain form's state and its one action, apart from how they are drawn. */
import { useRef, useState } from "react";
import { PaneServices } from "../services";
import { insertValueChainSheet } from "../sheets/valueChainSheet";
import { valueChainPlan } from "../sheets/valueChainPlan";
import { countOf } from "../ui/words";
import { useFeedback } from "./useFeedback";
import { usePendingFocus } from "./usePendingFocus";

export type ChainField = "layers" | "returnSince";

export function useValueChain(services: PaneServices) {
  const { layers, entries } = services.chain;
  const [chosen, setChosen] = useState<number[]>(() => layers.map((l) => l.id));
  const [price, setPrice] = useState(false);
  const [withReturn, setWithReturn] = useState(false);
  const [returnSince, setReturnSinceValue] = useState("2025-01-01");
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<ChainField, string>>>({});
  const fieldRefs = { layers: useRef<HTMLInputElement>(null), returnSince: useRef<HTMLInputElement>(null) };
  const focusAfterRender = usePendingFocus();
  const { message, setMessage, feedbackRef, report, goToSheet } = useFeedback(services.excelRun, focusAfterRender);

  /** Rows each layer adds to the sheet. */
  const companiesIn = (layerId: number) => entries.filter((e) => e.placement.layer === layerId).length;

  function refuse(field: ChainField, text: string) {
    setFieldErrors({ [field]: text });
    setMessage(null);
    focusAfterRender(fieldRefs[field]);
  }

  async function insert() {
    setMessage(null);
    setFieldErrors({});
    if (chosen.length === 0) {
      refuse("layers", "Choose at least one layer of the value chain.");
      return;
    }
    let plan;
    try {
      plan = valueChainPlan(services.chain, chosen, {
        price,
        returnSince: withReturn ? returnSince.trim() : null,
        today: services.today(),
      });
    } catch (err) {
      // With layers chosen, the plan can only refuse the return date.
      refuse("returnSince", err instanceof Error ? err.message : String(err));
      return;
    }
    setBusy(true);
    try {
      const result = await services.excelRun((context) => insertValueChainSheet(context, plan));
      const rows = plan.table.rect.rows - 1;
      report({
        intent: "success",
        text: `Inserted "${result.sheetName}": ${countOf(rows, "row")} in ${countOf(chosen.length, "layer")}.`,
        sheetName: result.sheetName,
      });
    } catch (err) {
      report({ intent: "error", text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  return {
    layers,
    chosen,
    price,
    withReturn,
    returnSince,
    busy,
    message,
    fieldErrors,
    fieldRefs,
    feedbackRef,
    companiesIn,
    toggle(id: number, on: boolean) {
      setChosen((prev) => (on ? [...prev, id].sort((a, b) => a - b) : prev.filter((x) => x !== id)));
      setFieldErrors((prev) => ({ ...prev, layers: undefined }));
    },
    selectAll() {
      setChosen(layers.map((l) => l.id));
      setFieldErrors((prev) => ({ ...prev, layers: undefined }));
    },
    selectNone() {
      setChosen([]);
    },
    setPrice,
    setWithReturn,
    setReturnSince(value: string) {
      setReturnSinceValue(value);
      setFieldErrors((prev) => ({ ...prev, returnSince: undefined }));
    },
    insert,
    goToSheet,
  };
}

export type ValueChainState = ReturnType<typeof useValueChain>;
