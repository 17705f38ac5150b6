/**
 * A readable difference between two functions.json documents: functions matched by id and
 * parameters by name, so an added parameter reads as one line, not as every later one changing.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function keyOf(item: Json): string | undefined {
  if (item && typeof item === "object" && !Array.isArray(item)) {
    const key = item.id ?? item.name;
    if (typeof key === "string") return key;
  }
  return undefined;
}

function show(value: Json | undefined): string {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}

function diffInto(path: string, expected: Json | undefined, actual: Json | undefined, out: string[]): void {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const keyed = [...expected, ...actual].every((item) => keyOf(item) !== undefined);
    if (keyed) {
      const before = new Map(expected.map((item) => [keyOf(item) as string, item]));
      const after = new Map(actual.map((item) => [keyOf(item) as string, item]));
      for (const [key, item] of before) {
        if (!after.has(key)) out.push(`- ${path}[${key}] removed`);
        else diffInto(`${path}[${key}]`, item, after.get(key), out);
      }
      for (const key of after.keys()) if (!before.has(key)) out.push(`+ ${path}[${key}] added: ${show(after.get(key))}`);
      const order = (m: Map<string, Json>, other: Map<string, Json>) => [...m.keys()].filter((k) => other.has(k));
      if (order(before, after).join() !== order(after, before).join()) {
        out.push(`~ ${path} order: ${order(before, after).join(", ")} -> ${order(after, before).join(", ")}`);
      }
      return;
    }
  }
  const isObject = (v: Json | undefined): v is { [key: string]: Json } => !!v && typeof v === "object" && !Array.isArray(v);
  if (isObject(expected) && isObject(actual)) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      diffInto(path ? `${path}.${key}` : key, expected[key], actual[key], out);
    }
    return;
  }
  out.push(`~ ${path}: ${show(expected)} -> ${show(actual)}`);
}

/** One line per difference ("- removed", "+ added", "~ changed: expected -> actual"); empty when equal. */
export function describeMetadataChanges(expected: unknown, actual: unknown): string[] {
  const out: string[] = [];
  diffInto("", expected as Json, actual as Json, out);
  return out;
}
