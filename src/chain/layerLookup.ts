import { LAYERS, SEGMENTS } from "./layers";
import { buildIndex, nameKey } from "./matching";
import type { Layer, LayerId, Segment } from "./types";

const layerByName = buildIndex(
  LAYERS,
  (l) => [l.name, l.shortName, l.theme, `Layer ${l.id}`, `${l.shortName} Layer`].map(nameKey),
  (l) => l.name,
);

/** The layer with this id. */
export function layerById(id: LayerId): Layer {
  return LAYERS[id - 1];
}

/**
 * The layer meant by a number 1-4 (or its text "1"), its name ("Basic Layer"), short name
 * ("Basic"), theme ("Computing Power and Data") or "Layer 1"; case-insensitive.
 */
export function findLayer(arg: string | number): Layer | undefined {
  if (typeof arg === "number") {
    return Number.isInteger(arg) && arg >= 1 && arg <= 4 ? layerById(arg as LayerId) : undefined;
  }
  if (typeof arg !== "string") return undefined;
  const text = arg.trim();
  if (/^[0-9]+(\.0+)?$/.test(text)) return findLayer(Number(text));
  return layerByName.get(nameKey(text));
}

const segmentByName = buildIndex(
  SEGMENTS,
  (s) => [s.name, ...s.aliases].map(nameKey),
  (s) => s.name,
);

/** The segment meant by its name or a common alias ("Chips"), case-insensitive. */
export function findSegment(text: string): Segment | undefined {
  if (typeof text !== "string") return undefined;
  return segmentByName.get(nameKey(text));
}

/** The segments of a layer, in the article's order. */
export function segmentsOf(layer: LayerId): Segment[] {
  return SEGMENTS.filter((s) => s.layer === layer);
}
