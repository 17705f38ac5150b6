/** Assertions shared by the sheet-builder tests. */
import { FakeContext, parseRect, Rect, rectToAddress } from "./fakeExcel";

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

/** Writes on `sheet` not wholly inside one of `parts`. Returns the offending addresses. */
export function writesOutsideParts(ctx: FakeContext, sheet: string, parts: Rect[]): string[] {
  return ctx.writes
    .filter((w) => w.sheet === sheet)
    .map((w) => w.address)
    .filter((address) => {
      const r = parseRect(address);
      return !parts.some(
        (p) => r.row >= p.row && r.col >= p.col && r.row + r.rows <= p.row + p.rows && r.col + r.cols <= p.col + p.cols,
      );
    });
}

/** Everything a sheet holds that Refresh could change, in a form `toEqual` compares. */
export function sheetState(ctx: FakeContext): unknown {
  const workbookNames = [...ctx.workbook.nameMap.values()].map((n) => ({
    name: n.nameText,
    sheet: n.broken ? "#REF!" : (n.targetSheet?.nameNow ?? null),
    target: n.target ? rectToAddress(n.target) : null,
    comment: n.commentText,
  }));
  const sheets = ctx.workbook.sheetList.map((sheet) => ({
    name: sheet.nameNow,
    cells: [...sheet.cells.entries()]
      // "General" is every cell's format until another is set, so a cell set to it is still blank.
      .filter(([, c]) => c.value !== "" || c.formula !== undefined || (c.format ?? "General") !== "General")
      .map(([k, c]) => [k, c.value, c.formula ?? null, c.shown ?? null, (c.format ?? "General") === "General" ? null : c.format])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    tables: sheet.tableList.map((t) => ({ id: t.tableId, name: t.nameNow, rect: rectToAddress(t.rect), style: t.styleNow })),
    charts: sheet.chartList.map((c) => ({
      id: c.chartId,
      name: c.nameNow,
      type: c.type,
      title: c.title.text,
      source: c.sourceAddress,
      series: c.seriesList.map((s) => [s.name, s.valuesAddress, s.xAxisAddress]),
      geometry: { ...c.geometry },
      position: c.position,
    })),
    names: [...sheet.nameMap.values()].map((n) => ({
      name: n.nameText,
      sheet: n.targetSheet?.nameNow ?? null,
      target: n.target ? rectToAddress(n.target) : null,
      comment: n.commentText,
    })),
    frozenRows: sheet.frozenRows,
    widths: [...sheet.columnWidths.entries()],
  }));
  return { sheets, workbookNames };
}
