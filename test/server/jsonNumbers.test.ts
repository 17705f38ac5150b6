/**
 * Columnar answers write doubles digit by digit: the text must be exactly what JSON.stringify
 * writes, for prices (decimals of a few places) and for any double at all.
 */
import fc from "fast-check";
import { doublesJson } from "../../src/server/jsonNumbers";

const SEED = Number(process.env.AICHAIN_PROPERTY_SEED ?? 20261130);
const RUNS = Number(process.env.AICHAIN_PROPERTY_RUNS ?? 300);

/** Decimals as a price file writes them: up to 15 digits, up to 10 places, either sign. */
const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.integer({ min: 0, max: 10 }))
  .map(([negative, digits, places]) => Number(`${negative ? "-" : ""}${digits}e-${places}`));
const anyDouble = fc.oneof(
  { weight: 6, arbitrary: decimal },
  { weight: 3, arbitrary: fc.double() },
  // Large whole parts with all the places a double holds: past 15 digits the digits are not the value's.
  { weight: 2, arbitrary: fc.double({ min: 1e5, max: 1e15, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.NaN, Infinity, -Infinity, 1e-6, 9.99e-7, 1e15, 1e21, 5e-324, 0.1 + 0.2) },
);

describe("doubles written as JSON", () => {
  it(`match JSON.stringify for prices and any double (seed ${SEED}, ${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(anyDouble, { maxLength: 200 }), (list) => {
        expect(doublesJson(Float64Array.from(list))).toBe(JSON.stringify(list));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("writes a long column of prices as JSON.stringify does", () => {
    const prices = Float64Array.from({ length: 20_000 }, (_, i) => Number((100 * Math.exp(Math.sin(i / 50))).toFixed(i % 7)));
    expect(doublesJson(prices)).toBe(JSON.stringify(Array.from(prices)));
    expect(doublesJson(new Float64Array(0))).toBe("[]");
  });
});
