/**
 * The "DeepSeek shock" sheet as a block, planned before Excel is touched: the parameters (read
 * back by Refresh), a verdict line per IOT Analytics claim, then side by side on one header row
 * the company table (an event study per listed chain company beside the article's verdict) and
 * the layer averages, and two charts to their right (CAR by company, grouped by layer as the
 * table is ordered; mean CAR by layer). The tables' header row depends only on the number of
 * claims, which is fixed, so a refresh can always resize them in place.
 */
import { layerById } from "../../chain";
import { eventStudyColumns, eventWindowLabel, signedDay, toExcelSerial } from "../../market";
import type { ShockData } from "../data/deepSeekShockData";
import { CellRect, cellAddress } from "./a1";
import { CellValue, ChartSpec, uniformFormat } from "./blocks";
import { ARTICLE_SOURCE } from "./chainTypes";
import { Footprint } from "./footprint";
import { SheetLayout } from "./sheetLayout";

export const SHOCK_TITLE = "DeepSeek shock: market-model event study";
export const SHOCK_BLOCK_NAME = "AICHAIN_SHOCK";
/** Workbook-scoped name on the study inserted or refreshed last: Refresh finds it from any sheet. */
export const SHOCK_LATEST_NAME = "AICHAIN_SHOCK_LATEST";
export const SHOCK_COMPANY_TABLE = "ShockCompanies";
export const SHOCK_LAYER_TABLE = "ShockLayers";
const PERCENT = "0.00%";
const RATIO = "0.00";
const SMALL = "0.00000";

export function shockCompanyHeader(data: ShockData): string[] {
  return [...eventStudyColumns(data.params.windowStart, data.params.windowEnd, data.params.benchmark), "Note"];
}
const COMPANY_FORMATS = [
  "General",
  "General",
  "General",
  "General",
  SMALL,
  RATIO,
  SMALL,
  PERCENT,
  PERCENT,
  RATIO,
  PERCENT,
  PERCENT,
  "0",
  "General",
  "General",
  "General",
];
export const SHOCK_LAYER_HEADER = ["Layer", "Companies", "Mean CAR", "Share with negative CAR", "Cross-sectional t"];
const LAYER_FORMATS = ["General", "0", PERCENT, "0%", RATIO];

/**
 * A number Excel can hold, else blank: a t with no residual spread (a company studied against
 * itself, or a layer of one company) is infinite or not a number, and Excel refuses to store those.
 */
function cellNumber(x: number | string): CellValue {
  return typeof x === "number" && !Number.isFinite(x) ? "" : x;
}

export interface ShockPlan {
  sheetBase: string;
  layout: SheetLayout;
  select: CellRect;
}

/** The parameter rows' labels, in order under the title; Refresh reads the values beside them. */
export const SHOCK_PARAM_LABELS = {
  eventDate: "Event date",
  benchmark: "Benchmark",
  windowStart: "Window start (day)",
  windowEnd: "Window end (day)",
  estimationDays: "Estimation days",
  gap: "Gap (days)",
  layers: "Layers",
} as const;
/** Title, the seven parameters, method and source. */
export const SHOCK_PARAM_ROWS = 10;
const DAY = "+0;-0;0";
const CAR_COL = 8;
const LAYER_MEAN_COL = 2;

/** The charts of a block whose parts are `parts` (Refresh puts charts back on an earlier block's parts with this). */
export function shockCharts(parts: Footprint, titles: { companies: string; layers: string }): ChartSpec[] {
  const { companies, layers } = parts;
  const right = layers.col + layers.cols + 1;
  return [
    {
      name: "AICHAIN CAR by company",
      type: "BarClustered",
      title: titles.companies,
      seriesRect: { row: companies.row, col: companies.col + CAR_COL, rows: companies.rows, cols: 1 },
      categoriesRect: { row: companies.row + 1, col: companies.col, rows: companies.rows - 1, cols: 1 },
      position: { topLeft: cellAddress(companies.row, right), bottomRight: cellAddress(companies.row + 24, right + 8) },
      valueAxisFormat: PERCENT,
      legend: false,
      reverseCategories: true,
    },
    {
      name: "AICHAIN mean CAR by layer",
      type: "ColumnClustered",
      title: titles.layers,
      seriesRect: { row: layers.row, col: layers.col + LAYER_MEAN_COL, rows: layers.rows, cols: 1 },
      categoriesRect: { row: layers.row + 1, col: layers.col, rows: layers.rows - 1, cols: 1 },
      position: {
        topLeft: cellAddress(companies.row + 26, right),
        bottomRight: cellAddress(companies.row + 44, right + 8),
      },
      valueAxisFormat: PERCENT,
      legend: false,
      dataLabelFormat: PERCENT,
    },
  ];
}

export function deepSeekShockPlan(data: ShockData, anchor: { row: number; col: number } = { row: 0, col: 0 }): ShockPlan {
  const { params } = data;
  if (data.rows.length === 0) throw new Error("No listed company in the chosen layers.");
  const at = (r: { row: number; col: number; rows: number; cols: number }) => ({
    ...r,
    row: r.row + anchor.row,
    col: r.col + anchor.col,
  });
  const window = eventWindowLabel(params.windowStart, params.windowEnd);
  const L = SHOCK_PARAM_LABELS;
  const paramValues: CellValue[][] = [
    [SHOCK_TITLE, ""],
    [L.eventDate, toExcelSerial(params.eventDate)],
    [L.benchmark, params.benchmark],
    [L.windowStart, params.windowStart],
    [L.windowEnd, params.windowEnd],
    [L.estimationDays, params.estimationDays],
    [L.gap, params.gap],
    [L.layers, params.layers.map((id) => layerById(id).name).join(", ")],
    [
      "Method",
      `Day 0 is the first trading day on or after the event date. Market model by OLS over the ` +
        `${params.estimationDays} shared trading days ending ${params.gap} days before day ${signedDay(params.windowStart)}; ` +
        `CAR${window} sums the abnormal returns of the window. Change the values above and press Refresh.`,
    ],
    ["Source", ARTICLE_SOURCE.replace(/^Source: /, "")],
  ];
  const paramFormats = paramValues.map((_, i) => {
    if (i === 1) return ["@", "yyyy-mm-dd"];
    if (i === 3 || i === 4) return ["@", DAY];
    if (i === 5 || i === 6) return ["@", "0"];
    return ["@", "@"];
  });
  const paramsRect = at({ row: 0, col: 0, rows: paramValues.length, cols: 2 });

  const claimValues: CellValue[][] = [["IOT Analytics claims, measured"], ...data.claims.map((c) => [c.text])];
  const claimRect = at({ row: SHOCK_PARAM_ROWS + 1, col: 0, rows: claimValues.length, cols: 1 });

  const header = shockCompanyHeader(data);
  const companyValues: CellValue[][] = [
    header,
    ...data.rows.map((r) => {
      const s = r.study;
      const numbers: CellValue[] = s
        ? [s.alpha, s.beta, s.residualSd, s.ar0 ?? "", s.car, s.t, s.rawReturn, s.benchmarkReturn, s.estimationDays].map(
            cellNumber,
          )
        : Array.from({ length: 9 }, () => "");
      return [
        r.symbol,
        r.company,
        r.layer,
        r.segment,
        ...numbers,
        r.verdictLabel,
        r.agrees === null ? "" : r.agrees,
        r.reason ?? "",
      ];
    }),
  ];
  const tableTop = SHOCK_PARAM_ROWS + 1 + claimValues.length + 1;
  const companyRect = at({ row: tableTop, col: 0, rows: companyValues.length, cols: header.length });

  const layerValues: CellValue[][] = [
    SHOCK_LAYER_HEADER,
    ...data.layers.map((l) => [
      l.layer,
      l.summary?.n ?? 0,
      cellNumber(l.summary?.mean ?? ""),
      cellNumber(l.summary?.shareNegative ?? ""),
      cellNumber(l.summary?.t ?? ""),
    ]),
  ];
  const layerRect = at({ row: tableTop, col: header.length + 1, rows: layerValues.length, cols: SHOCK_LAYER_HEADER.length });

  const parts: Footprint = { params: paramsRect, claims: claimRect, companies: companyRect, layers: layerRect };
  const charts = shockCharts(parts, {
    companies: `CAR${window} by company against ${params.benchmark}, grouped by layer`,
    layers: `Mean CAR${window} by layer (equal-weighted)`,
  });
  return {
    sheetBase: "DeepSeek Shock",
    layout: {
      blockName: SHOCK_BLOCK_NAME,
      parts,
      blocks: [
        { rect: paramsRect, values: paramValues, numberFormat: paramFormats },
        { rect: claimRect, values: claimValues, numberFormat: uniformFormat(claimValues.length, 1, "@") },
        {
          rect: companyRect,
          values: companyValues,
          numberFormat: [header.map(() => "General"), ...data.rows.map(() => [...COMPANY_FORMATS])],
        },
        {
          rect: layerRect,
          values: layerValues,
          numberFormat: [SHOCK_LAYER_HEADER.map(() => "General"), ...data.layers.map(() => [...LAYER_FORMATS])],
        },
      ],
      bold: [at({ row: 0, col: 0, rows: 1, cols: 1 }), at({ row: claimRect.row - anchor.row, col: 0, rows: 1, cols: 1 })],
      tables: {
        companies: { name: SHOCK_COMPANY_TABLE, rect: companyRect, style: "TableStyleMedium2" },
        layers: { name: SHOCK_LAYER_TABLE, rect: layerRect, style: "TableStyleLight9" },
      },
      charts,
    },
    select: companyRect,
  };
}
