/**
 * Thin Excel JS API writers for planned blocks. Each block is one range and one 2-D assignment;
 * nothing here syncs, so a whole sheet goes to Excel in a single batch.
 */
import { rectAddress } from "./a1";
import { CellBlock, ChartSpec, FillSpec, TableSpec } from "./blocks";

export function writeBlock(sheet: Excel.Worksheet, block: CellBlock): Excel.Range {
  const range = sheet.getRange(rectAddress(block.rect));
  // Formats first: a text format must be in place before "2023-01-01" arrives, or Excel makes it a date.
  if (block.numberFormat) range.numberFormat = block.numberFormat;
  if (block.values) range.values = block.values;
  if (block.formulas) range.formulas = block.formulas;
  if (block.bold) range.format.font.bold = true;
  return range;
}

export function addTable(sheet: Excel.Worksheet, spec: TableSpec): Excel.Table {
  const table = sheet.tables.add(rectAddress(spec.rect), true);
  table.name = spec.name;
  table.style = spec.style;
  table.showHeaders = true;
  table.showFilterButton = true;
  table.showBandedRows = true;
  return table;
}

export function addFill(sheet: Excel.Worksheet, fill: FillSpec): void {
  sheet.getRange(rectAddress(fill.rect)).format.fill.color = fill.color;
}

/**
 * A native chart whose series are the columns of `seriesRect` (header row = series names) and
 * whose categories are set explicitly, so Excel never guesses a date column to be a series.
 */
export function addChart(sheet: Excel.Worksheet, spec: ChartSpec): Excel.Chart {
  const chart = sheet.charts.add(spec.type, sheet.getRange(rectAddress(spec.seriesRect)), "Columns");
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  chart.setPosition(spec.position.topLeft, spec.position.bottomRight);
  const categories = sheet.getRange(rectAddress(spec.categoriesRect));
  for (let i = 0; i < spec.seriesRect.cols; i++) chart.series.getItemAt(i).setXAxisValues(categories);
  if (spec.valueAxisFormat) chart.axes.valueAxis.numberFormat = spec.valueAxisFormat;
  return chart;
}

/** Column widths in points, set through ranges inside the block (never whole-column addresses). */
export function setColumnWidths(
  sheet: Excel.Worksheet,
  block: { row: number; col: number; rows: number },
  widths: readonly number[],
): void {
  widths.forEach((width, i) => {
    const range = sheet.getRange(rectAddress({ row: block.row, col: block.col + i, rows: block.rows, cols: 1 }));
    range.format.columnWidth = width;
  });
}
