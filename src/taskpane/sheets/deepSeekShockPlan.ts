/**
 * The "DeepSeek shock" sheet as a block, planned before Excel is touched: the parameters, the
 * company table (an event study per listed chain company beside IOT Analytics' verdict), the layer
 * averages, a verdict line per claim, and two charts to the right (CAR by company, grouped by
 * layer as the table is ordered; mean CAR by layer).
 */
import { toExcelSerial } from "../../market";
import type { ShockData } from "../data/deepSeekShockData";
import { CellRect, cellAddress } from "./a1";
import { CellValue, ChartSpec, uniformFormat } from "./blocks";
import { ARTICLE_SOURCE } from "./chainTypes";
import { Footprint } from "./footprint";
import { SheetLayout } from "./sheetLayout";

export const SHOCK_TITLE = "DeepSeek shock: market-model event study";
export const SHOCK_BLOCK_NAME = "AICHAIN_SHOCK";
export const SHOCK_COMPANY_TABLE = "ShockCompanies";
export const SHOCK_LAYER_TABLE = "ShockLayers";
const PERCENT = "0.00%";
const RATIO = "0.00";
const SMALL = "0.00000";

function signed(k: number): string {
  return k > 0 ? `+${k}` : String(k);
}

export function shockCompanyHeader(data: ShockData): string[] {
  const w = `(${signed(data.params.windowStart)},${signed(data.params.windowEnd)})`;
  return [
    "Symbol",
    "Company",
    "Layer",
    "Segment",
    "Alpha",
    "Beta",
    "Residual sd",
    "AR(0)",
    `CAR${w}`,
    "t",
    `Raw return${w}`,
    `${data.params.benchmark} return${w}`,
    "Estimation days",
    "IOT Analytics verdict",
    "Agrees",
    "Note",
  ];
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

export interface ShockPlan {
  sheetBase: string;
  layout: SheetLayout;
  select: CellRect;
}

export function deepSeekShockPlan(data: ShockData): ShockPlan {
  const { params } = data;
  if (data.rows.length === 0) throw new Error("No listed company in the chosen layers.");
  const paramValues: CellValue[][] = [
    [SHOCK_TITLE, ""],
    ["Event date", toExcelSerial(params.eventDate)],
    ["Benchmark", params.benchmark],
    [
      "Window",
      `day ${signed(params.windowStart)} to day ${signed(params.windowEnd)} (day 0: first trading day on or after the event)`,
    ],
    ["Estimation", "250 shared trading days ending 10 days before the window; market model by OLS"],
    ["Layers", params.layers.join(", ")],
    ["Source", ARTICLE_SOURCE.replace(/^Source: /, "")],
  ];
  const paramsRect = { row: 0, col: 0, rows: paramValues.length, cols: 2 };
  const paramFormats = paramValues.map((_, i) => (i === 1 ? ["@", "yyyy-mm-dd"] : ["@", "@"]));

  const header = shockCompanyHeader(data);
  const companyValues: CellValue[][] = [
    header,
    ...data.rows.map((r) => {
      const s = r.study;
      const numbers: CellValue[] = s
        ? [s.alpha, s.beta, s.residualSd, s.ar0 ?? "", s.car, s.t, s.rawReturn, s.benchmarkReturn, s.estimationDays]
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
  const companyTop = paramsRect.rows + 1;
  const companyRect = { row: companyTop, col: 0, rows: companyValues.length, cols: header.length };

  const layerValues: CellValue[][] = [
    SHOCK_LAYER_HEADER,
    ...data.layers.map((l) => [
      l.layer,
      l.summary?.n ?? 0,
      l.summary?.mean ?? "",
      l.summary?.shareNegative ?? "",
      l.summary?.t ?? "",
    ]),
  ];
  const layerRect = {
    row: companyRect.row + companyRect.rows + 1,
    col: 0,
    rows: layerValues.length,
    cols: SHOCK_LAYER_HEADER.length,
  };

  const claimValues: CellValue[][] = [["IOT Analytics claims, measured"], ...data.claims.map((c) => [c.text])];
  const claimRect = { row: layerRect.row + layerRect.rows + 1, col: 0, rows: claimValues.length, cols: 1 };

  const parts: Footprint = { params: paramsRect, companies: companyRect, layers: layerRect, claims: claimRect };
  const carCol = header.findIndex((h) => h.startsWith("CAR("));
  const right = header.length + 1;
  const charts: ChartSpec[] = [
    {
      name: "AICHAIN CAR by company",
      type: "BarClustered",
      title: `${header[carCol]} by company against ${params.benchmark}, grouped by layer`,
      seriesRect: { row: companyTop, col: carCol, rows: companyRect.rows, cols: 1 },
      categoriesRect: { row: companyTop + 1, col: 0, rows: companyRect.rows - 1, cols: 1 },
      position: { topLeft: cellAddress(companyTop, right), bottomRight: cellAddress(companyTop + 24, right + 8) },
      valueAxisFormat: PERCENT,
      legend: false,
      reverseCategories: true,
    },
    {
      name: "AICHAIN mean CAR by layer",
      type: "ColumnClustered",
      title: "Mean CAR by layer (equal-weighted)",
      seriesRect: { row: layerRect.row, col: 2, rows: layerRect.rows, cols: 1 },
      categoriesRect: { row: layerRect.row + 1, col: 0, rows: layerRect.rows - 1, cols: 1 },
      position: { topLeft: cellAddress(companyTop + 26, right), bottomRight: cellAddress(companyTop + 44, right + 8) },
      valueAxisFormat: PERCENT,
      legend: false,
      dataLabelFormat: PERCENT,
    },
  ];
  return {
    sheetBase: "DeepSeek Shock",
    layout: {
      blockName: SHOCK_BLOCK_NAME,
      parts,
      blocks: [
        { rect: paramsRect, values: paramValues, numberFormat: paramFormats },
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
        { rect: claimRect, values: claimValues, numberFormat: uniformFormat(claimValues.length, 1, "@") },
      ],
      bold: [
        { row: 0, col: 0, rows: 1, cols: 1 },
        { row: claimRect.row, col: 0, rows: 1, cols: 1 },
      ],
      tables: {
        companies: { name: SHOCK_COMPANY_TABLE, rect: companyRect, style: "TableStyleMedium2" },
        layers: { name: SHOCK_LAYER_TABLE, rect: layerRect, style: "TableStyleLight9" },
      },
      charts,
    },
    select: companyRect,
  };
}
