/**
 * A JSON array of doubles written digit by digit into a buffer, for columnar answers: prices are
 * decimals of a few places, and finding those digits by arithmetic is about twice as fast as the
 * engine's general double-to-text conversion. The text is exactly what JSON.stringify writes.
 *
 * Why it is exact: a decimal of at most 15 significant digits is the only such decimal that reads
 * back as its double, so when m / 10^k (m an integer below 10^15, k the fewest places) is the value,
 * the shortest text that reads back as the value, which is what JavaScript prints, is m with the
 * point k places from the right. Values outside 1e-6..1e15 (which JavaScript may print with an
 * exponent) and values needing more digits are printed by the engine.
 */
import { Buffer } from "node:buffer";

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Most decimal places tried. */
const MAX_PLACES = 8;
/** The longest a double prints ("-1.2345678901234567e-300") and a comma. */
const MAX_NUMBER_BYTES = 25;

const COMMA = 44;
const MINUS = 45;
const POINT = 46;
const ZERO = 48;
const NULL = [110, 117, 108, 108];

/** Scratch kept between calls (a call writes and reads it without yielding). */
let scratch = Buffer.alloc(0);

/** Writes the digits of a whole number below 10^15 (exactly `count` of them, zeros first) at `at`. */
function writeDigits(out: Buffer, at: number, value: number, count: number): number {
  let pos = at + count;
  for (let j = 0; j < count; j++) {
    const rest = Math.floor(value / 10);
    out[--pos] = ZERO + (value - rest * 10);
    value = rest;
  }
  return at + count;
}

function digitCount(value: number): number {
  let count = 1;
  while (count < 16 && value >= POW10[count]) count++;
  return count;
}

/** JSON.stringify(Array.from(values)), with NaN and infinities as null. */
export function doublesJson(values: Float64Array): string {
  const needed = values.length * MAX_NUMBER_BYTES + 2;
  if (scratch.length < needed) scratch = Buffer.alloc(Math.max(needed, 2 * scratch.length));
  const out = scratch;
  let at = 0;
  out[at++] = 91; // [
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out[at++] = COMMA;
    let v = values[i];
    if (v !== v || v === Infinity || v === -Infinity) {
      for (const c of NULL) out[at++] = c;
      continue;
    }
    if (v === 0) {
      out[at++] = ZERO; // -0 too, as JSON writes it
      continue;
    }
    const negative = v < 0;
    if (negative) v = -v;
    let written = false;
    if (v >= 1e-6 && v < 1e15) {
      for (let k = 0; k <= MAX_PLACES; k++) {
        const m = Math.round(v * POW10[k]);
        if (m >= 1e15) break;
        if (m / POW10[k] !== v) continue;
        if (negative) out[at++] = MINUS;
        const whole = Math.floor(m / POW10[k]);
        at = writeDigits(out, at, whole, digitCount(whole));
        if (k > 0) {
          out[at++] = POINT;
          at = writeDigits(out, at, m - whole * POW10[k], k);
        }
        written = true;
        break;
      }
    }
    if (!written) {
      const text = String(negative ? -v : v);
      for (let j = 0; j < text.length; j++) out[at++] = text.charCodeAt(j);
    }
  }
  out[at++] = 93; // ]
  return out.toString("latin1", 0, at);
}
