/**
 * Reads the "DeepSeek shock" parameters back from the sheet, so Refresh studies what the sheet
 * says (an analyst may have typed another benchmark, window, estimation length or layer list).
 * Values come as Excel gives them: a date may be a serial number or text, numbers may be text.
 */
import { parseIsoDate, parseSymbol } from "../../api/validation";
import { findLayer, type LayerId } from "../../chain";
import { assertEventWindow } from "../../market";
import type { ShockParams } from "../data/deepSeekShockData";
import { SHOCK_PARAM_LABELS, SHOCK_PARAM_ROWS, SHOCK_TITLE } from "./deepSeekShockPlan";

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function parseShockParams(values: unknown[][], fromSerial: (n: number) => string): ShockParams {
  if (!Array.isArray(values) || values.length < SHOCK_PARAM_ROWS || values[0]?.[0] !== SHOCK_TITLE) {
    throw new Error("This sheet has no AICHAIN DeepSeek shock study to refresh (its parameter block is missing or was moved).");
  }
  const byLabel = new Map<string, unknown>();
  for (const row of values.slice(1, SHOCK_PARAM_ROWS)) byLabel.set(String(row[0]), row[1]);
  const cell = (label: string): unknown => {
    const v = byLabel.get(label);
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
      throw new Error(`The study's "${label}" cell is empty.`);
    }
    return v;
  };
  const L = SHOCK_PARAM_LABELS;

  const dateCell = cell(L.eventDate);
  const date = parseIsoDate(typeof dateCell === "number" ? fromSerial(dateCell) : String(dateCell).trim(), "The event date");
  if (!date.ok) throw new Error(`${date.error.message}.`);
  const symbol = parseSymbol(String(cell(L.benchmark)));
  if (!symbol.ok) throw new Error(`The study's benchmark: ${symbol.error.message}.`);

  const whole = (label: string): number => {
    const v = cell(label);
    const n = typeof v === "number" ? v : Number(String(v).trim());
    if (!Number.isInteger(n)) throw new Error(`The study's "${label}" must be a whole number (got ${JSON.stringify(v)}).`);
    return n;
  };
  const windowStart = whole(L.windowStart);
  const windowEnd = whole(L.windowEnd);
  const estimationDays = whole(L.estimationDays);
  const gap = whole(L.gap);
  try {
    assertEventWindow({ eventDate: date.value, windowStart, windowEnd, estimationDays, gap });
  } catch (err) {
    throw new Error(`The study's parameters: ${message(err)}.`);
  }

  const layers: LayerId[] = [];
  for (const name of String(cell(L.layers)).split(/[,;]/)) {
    if (name.trim() === "") continue;
    const layer = findLayer(name);
    if (!layer)
      throw new Error(`The study's "${L.layers}" cell names "${name.trim()}", which is not a layer of the value chain.`);
    if (!layers.includes(layer.id)) layers.push(layer.id);
  }
  if (layers.length === 0) throw new Error(`The study's "${L.layers}" cell names no layer.`);
  layers.sort((a, b) => a - b);
  return { eventDate: date.value, benchmark: symbol.value, windowStart, windowEnd, estimationDays, gap, layers };
}
