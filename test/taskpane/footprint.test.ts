import fc from "fast-check";
import { CellRect, parseAddress, rectContains, rectMinus } from "../../src/taskpane/sheets/a1";
import { decodeFootprint, encodeFootprint } from "../../src/taskpane/sheets/footprint";

const parts = { params: parseAddress("A1:B13"), summary: parseAddress("A15:L35"), growth: parseAddress("N15:AH6316") };

describe("footprint record", () => {
  it("round-trips through a name's comment, relative to the block, within Excel's 255 characters", () => {
    const comment = encodeFootprint(parts, { row: 0, col: 0 });
    expect(comment.length).toBeLessThanOrEqual(255);
    expect(comment).toBe(
      "AICHAIN footprint (Refresh rewrites only these cells): params A1:B13; summary A15:L35; growth N15:AH6316",
    );
    expect(decodeFootprint(comment, parseAddress("A1:AH6316"))).toEqual(parts);
  });

  it("follows the block when Excel moves it (rows inserted above), and refuses when its size changed", () => {
    const comment = encodeFootprint(parts, { row: 0, col: 0 });
    const moved = decodeFootprint(comment, parseAddress("C4:AJ6319"))!;
    expect(moved.params).toEqual(parseAddress("C4:D16"));
    expect(moved.growth).toEqual(parseAddress("P18:AJ6319"));
    expect(decodeFootprint(comment, parseAddress("A1:AH6317"))).toBeNull(); // a row inserted inside
    expect(decodeFootprint("AICHAIN comparison (Refresh rewrites these cells)", parseAddress("A1:K22"))).toBeNull(); // an older block
    expect(decodeFootprint("Error, property was not loaded", parseAddress("A1:K22"))).toBeNull();
  });
});

describe("rectMinus", () => {
  const rect = fc.record({
    row: fc.nat(8),
    col: fc.nat(8),
    rows: fc.integer({ min: 1, max: 6 }),
    cols: fc.integer({ min: 1, max: 6 }),
  });
  const cell = (row: number, col: number): CellRect => ({ row, col, rows: 1, cols: 1 });

  it("covers exactly the cells of a outside every other rectangle, without overlaps", () => {
    const seed = Number(process.env.FC_SEED ?? 20261130);
    fc.assert(
      fc.property(rect, fc.array(rect, { maxLength: 3 }), (a, others) => {
        const pieces = rectMinus(a, others);
        for (let r = a.row; r < a.row + a.rows; r++) {
          for (let c = a.col; c < a.col + a.cols; c++) {
            const outside = !others.some((o) => rectContains(o, cell(r, c)));
            const covering = pieces.filter((p) => rectContains(p, cell(r, c))).length;
            if (covering !== (outside ? 1 : 0)) return false;
          }
        }
        return pieces.every((p) => rectContains(a, p));
      }),
      { seed, numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
