/** Assertions shared by the sheet-builder tests. */
import { FakeContext, parseRect, Rect } from "./fakeExcel";

/** Every recorded write on `sheet` lies inside `extent`. Returns the offending addresses. */
export function writesOutside(ctx: FakeContext, sheet: string, extent: Rect): string[] {
  return ctx.writes
    .filter((w) => w.sheet === sheet)
    .map((w) => w.address)
    .filter((address) => {
      const r = parseRect(address);
      return !(
        r.row >= extent.row &&
        r.col >= extent.col &&
        r.row + r.rows <= extent.row + extent.rows &&
        r.col + r.cols <= extent.col + extent.cols
      );
    });
}

/** Writes that landed on any sheet other than `sheet`. */
export function writesElsewhere(ctx: FakeContext, sheet: string): string[] {
  return ctx.writes.filter((w) => w.sheet !== sheet).map((w) => `${w.sheet}!${w.address}`);
}
