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
 * Given an existing chart, its data is replaced in place (Chart.setData), so the chart keeps its
 * id, name, place and anything the analyst styled that the spec does not set.
 */
export function placeChart(sheet: Excel.Worksheet, spec: ChartSpec, existing?: Excel.Chart): Excel.Chart {
  const source = sheet.getRange(rectAddress(spec.seriesRect));
  let chart: Excel.Chart;
  if (existing) {
    chart = existing;
    chart.setData(source, "Columns");
  } else {
    chart = sheet.charts.add(spec.type, source, "Columns");
    chart.name = spec.name;
  }
  chart.title.text = spec.title;
  if (spec.legend === false) chart.legend.visible = false;
  else chart.legend.position = "Bottom";
  // A chart the analyst may have moved or resized stays where it is.
  if (!existing) {
    chart.setPosition(spec.position.topLeft, spec.position.bottomRight);
    if (spec.box) {
      chart.left = spec.box.left;
      chart.top = spec.box.top;
      chart.width = spec.box.width;
      chart.height = spec.box.height;
    }
  }
  const categories = sheet.getRange(rectAddress(spec.categoriesRect));
  for (let i = 0; i < spec.seriesRect.cols; i++) chart.series.getItemAt(i).setXAxisValues(categories);
  if (spec.valueAxisFormat) chart.axes.valueAxis.numberFormat = spec.valueAxisFormat;
  if (spec.reverseCategories) chart.axes.categoryAxis.reversePlotOrder = true;
  if (spec.dataLabelFormat) {
    chart.dataLabels.showValue = true;
    chart.dataLabels.numberFormat = spec.dataLabelFormat;
  }
  return chart;
}

export function addChart(sheet: Excel.Worksheet, spec: ChartSpec): Excel.Chart {
  return placeChart(sheet, spec);
}

/** Column widths in points, set through ranges inside the block (never whole-column addresses). */
export function setColumnWidths(
  sheet: Excel.Worksheet,
  block: { row: number; col: number; rows: number },
  widths: readonly number[],
): void {
  widths.forEach((width, i) => setColumnWidth(sheet, { row: block.row, col: block.col + i, rows: block.rows }, width));
}

/** One column's width in points, set through a range inside the block (never a whole-column address). */
export function setColumnWidth(sheet: Excel.Worksheet, at: { row: number; col: number; rows: number }, width: number): void {
  sheet.getRange(rectAddress({ row: at.row, col: at.col, rows: at.rows, cols: 1 })).format.columnWidth = width;
}
