/**
 * The value-chain sheet as data: one row per company placement in the chosen layers, optional
 * live columns written as AICHAIN formulas (so they recalculate), layer colours, widths, formats.
 */
import { CellRect } from "./a1";
import { CellBlock, CellValue, FillSpec, TableSpec } from "./blocks";
import { ARTICLE_SOURCE, ChainEntryInfo, ChainLayerInfo } from "./chainTypes";

export interface LiveColumns {
  /** Adds `=AICHAIN.PRICE("SYM")`. */
  price: boolean;
  /** Adds `=AICHAIN.RETURN("SYM","YYYY-MM-DD")` when set. */
  returnSince: string | null;
  /** Today (YYYY-MM-DD): a return since a later date could only ever show #N/A. */
  today?: string;
}

export interface ValueChainPlan {
  sheetBase: string;
  header: string[];
  /** Header and rows, values and formulas together (one 2-D write). */
  body: CellBlock;
  table: TableSpec;
  /** Layer colour behind the Layer column, one fill per run of rows in the same layer. */
  fills: FillSpec[];
  /** Column widths in points, one per column. */
  columnWidths: number[];
  /** The source line (and a note on live columns) under the table. */
  footer: CellBlock;
  freezeRows: number;
  /** Everything the builder writes; nothing outside it is touched. */
  extent: CellRect;
}

/** Light tints, one per layer, readable with black text. */
export const LAYER_COLORS: Record<number, string> = {
  1: "#DDEBF7",
  2: "#E2EFDA",
  3: "#FFF2CC",
  4: "#FCE4D6",
};

const BASE_COLUMNS = ["Company", "Ticker", "Region", "Status", "Layer", "Segment"];
const BASE_WIDTHS = [150, 72, 80, 72, 190, 150];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Quotes text for a formula string literal. */
function formulaText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

export function valueChainPlan(
  chain: { layers: readonly ChainLayerInfo[]; entries: readonly ChainEntryInfo[] },
  layerIds: readonly number[],
  live: LiveColumns,
  tableName = "AIValueChain",
): ValueChainPlan {
  const chosen = chain.layers.filter((layer) => layerIds.includes(layer.id));
  if (chosen.length === 0) throw new Error("Choose at least one layer of the value chain.");
  if (live.returnSince !== null && !ISO_DATE.test(live.returnSince)) {
    throw new Error(`The return start date must be written YYYY-MM-DD (got "${live.returnSince}").`);
  }
  if (live.returnSince !== null && live.today !== undefined && live.returnSince > live.today) {
    throw new Error(`The return start date ${live.returnSince} is in the future; choose ${live.today} or earlier.`);
  }

  const header = [...BASE_COLUMNS];
  const widths = [...BASE_WIDTHS];
  const numberFormats = BASE_COLUMNS.map(() => "General");
  if (live.price) {
    header.push("Price");
    widths.push(72);
    numberFormats.push("#,##0.00");
  }
  if (live.returnSince !== null) {
    header.push(`Return since ${live.returnSince}`);
    widths.push(120);
    numberFormats.push("0.00%");
  }

  const rows: CellValue[][] = [];
  const fills: FillSpec[] = [];
  const layerCol = BASE_COLUMNS.indexOf("Layer");
  for (const layer of chosen) {
    const firstRow = rows.length + 1;
    // The entries come in the article's order (segment by segment), as CHAIN() spills them.
    const placed = chain.entries
      .filter((entry) => entry.placement.layer === layer.id)
      .map((entry) => ({ company: entry.company, segment: entry.placement.segment }));
    for (const { company, segment } of placed) {
      const row: CellValue[] = [company.name, company.ticker ?? "", company.region, company.status, layer.name, segment];
      // Companies without a listing get blank live cells rather than a formula that can only fail.
      if (live.price) row.push(company.ticker ? `=AICHAIN.PRICE(${formulaText(company.ticker)})` : "");
      if (live.returnSince !== null) {
        row.push(
          company.ticker
            ? `=AICHAIN.RETURN(${formulaText(company.ticker)},${formulaText(live.returnSince)})`
            : "",
        );
      }
      rows.push(row);
    }
    if (rows.length + 1 > firstRow) {
      fills.push({
        rect: { row: firstRow, col: layerCol, rows: rows.length + 1 - firstRow, cols: 1 },
        color: LAYER_COLORS[layer.id] ?? "#EDEDED",
      });
    }
  }
  if (rows.length === 0) throw new Error("The chosen layers have no companies.");

  const cols = header.length;
  const tableRect: CellRect = { row: 0, col: 0, rows: rows.length + 1, cols };
  const bodyFormats = [header.map(() => "General"), ...rows.map(() => [...numberFormats])];
  const footerLines: string[][] = [[ARTICLE_SOURCE]];
  if (live.price || live.returnSince !== null) {
    footerLines.push(["Price and return cells are live AICHAIN formulas; they recalculate from the AICHAIN data service."]);
  }
  const footer: CellBlock = {
    rect: { row: tableRect.rows + 1, col: 0, rows: footerLines.length, cols: 1 },
    values: footerLines,
  };
  return {
    sheetBase: "AI Value Chain",
    header,
    body: { rect: tableRect, formulas: [header, ...rows], numberFormat: bodyFormats },
    table: { name: tableName, rect: tableRect, style: "TableStyleLight1" },
    fills,
    columnWidths: widths,
    footer,
    freezeRows: 1,
    extent: { row: 0, col: 0, rows: footer.rect.row + footer.rect.rows, cols },
  };
}
