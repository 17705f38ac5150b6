/**
 * The value-chain sheet as data: one row per company placement in the chosen layers, optional
 * live columns written as AICHAIN formulas (so they recalculate), layer colours, widths fitted to
 * the contents, formats.
 */
import { listingOf } from "../../api/listing";
import { CellRect } from "./a1";
import { CellBlock, CellValue, FillSpec, TableSpec } from "./blocks";
import { ARTICLE_SOURCE, ChainEntryInfo, ChainLayerInfo } from "./chainTypes";
import { fitWidths } from "./fitWidths";

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

const BASE_COLUMNS = ["Company", "Ticker", "Region", "Status", "Layer", "Segment", "Place"];
/** Formula columns are not measured; they get room for their figures. */
const PRICE_WIDTH = 72;
const RETURN_WIDTH = 96;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "non-profit" reads "Non-profit" in a table. */
function properCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Why a row is there when the company has others: the article's name for its part ("Ascend") and,
 * for a company the article lists in several places, which of them this is ("2 of 3").
 */
function placeText(note: string | undefined, index: number, count: number): string {
  const which = count > 1 ? `${index} of ${count}` : "";
  return [note ?? "", which].filter(Boolean).join(" · ");
}

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
  const minWidths: number[] = BASE_COLUMNS.map(() => 0);
  const numberFormats = BASE_COLUMNS.map(() => "General");
  if (live.price) {
    // A price means little without its currency; the market says where it trades.
    header.push("Price", "Currency", "Exchange");
    minWidths.push(PRICE_WIDTH, 0, 0);
    numberFormats.push("#,##0.00", "General", "General");
  }
  if (live.returnSince !== null) {
    header.push(`Return since ${live.returnSince}`);
    minWidths.push(RETURN_WIDTH);
    numberFormats.push("0.00%");
  }

  // How many places each company has in the whole chain, and which one each entry is.
  const placesOf = new Map<string, number>();
  const placeIndex = new Map<ChainEntryInfo, number>();
  for (const entry of chain.entries) {
    const n = (placesOf.get(entry.company.name) ?? 0) + 1;
    placesOf.set(entry.company.name, n);
    placeIndex.set(entry, n);
  }

  const rows: CellValue[][] = [];
  const fills: FillSpec[] = [];
  const layerCol = BASE_COLUMNS.indexOf("Layer");
  for (const layer of chosen) {
    const firstRow = rows.length + 1;
    // The entries come in the article's order (segment by segment), as CHAIN() spills them.
    const placed = chain.entries.filter((entry) => entry.placement.layer === layer.id);
    for (const entry of placed) {
      const { company, placement } = entry;
      const place = placeText(placement.note, placeIndex.get(entry) ?? 1, placesOf.get(company.name) ?? 1);
      const row: CellValue[] = [
        company.name,
        company.ticker ?? "",
        company.region,
        properCase(company.status),
        layer.name,
        placement.segment,
        place,
      ];
      // Companies without a listing get blank live cells rather than a formula that can only fail.
      if (live.price) {
        const listing = company.ticker ? listingOf(company.ticker) : null;
        row.push(
          company.ticker ? `=AICHAIN.PRICE(${formulaText(company.ticker)})` : "",
          listing?.currency ?? "",
          listing?.exchange ?? "",
        );
      }
      if (live.returnSince !== null) {
        row.push(company.ticker ? `=AICHAIN.RETURN(${formulaText(company.ticker)},${formulaText(live.returnSince)})` : "");
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
  footerLines.push([
    "Place: the article's name for the company's part in the segment, and \"2 of 3\" when it lists the company in several places.",
  ]);
  if (live.price || live.returnSince !== null) {
    footerLines.push(["Price and return cells are live AICHAIN formulas; they recalculate from the AICHAIN data service."]);
  }
  if (live.price) {
    footerLines.push(["Prices are in each listing's own currency (Currency column), not converted."]);
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
    columnWidths: fitWidths(header, rows, minWidths),
    footer,
    freezeRows: 1,
    extent: { row: 0, col: 0, rows: footer.rect.row + footer.rect.rows, cols },
  };
}
