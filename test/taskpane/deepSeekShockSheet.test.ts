import { DEFAULT_SHOCK_PARAMS, loadShockData } from "../../src/taskpane/data/deepSeekShockData";
import { deepSeekShockPlan } from "../../src/taskpane/sheets/deepSeekShockPlan";
import { insertDeepSeekShockSheet } from "../../src/taskpane/sheets/deepSeekShockSheet";
import { toExcelSerial } from "../../src/market";
import { MODEL_SERIES, seriesClient } from "./shockScenario";
import { FakeContext, rectToAddress } from "./fakeExcel";
import { writesElsewhere, writesOutside } from "./writeChecks";

const client = seriesClient(MODEL_SERIES);
const ctxOf = (fake: FakeContext) => fake as unknown as Excel.RequestContext;

test("a new sheet with the parameters, the company table, layer averages, claims and two charts, in three syncs", async () => {
  const data = await loadShockData(client, { ...DEFAULT_SHOCK_PARAMS, layers: [1] });
  const plan = deepSeekShockPlan(data);
  const { parts } = plan.layout;
  const fake = new FakeContext(["Sheet1"]);
  const result = await insertDeepSeekShockSheet(ctxOf(fake), data);
  expect(result.sheetName).toBe("DeepSeek Shock");
  expect(fake.syncCount).toBe(3);
  const sheet = fake.workbook.sheet("DeepSeek Shock")!;
  expect(sheet.valuesAt("A1:B8")).toEqual([
    ["DeepSeek shock: market-model event study", ""],
    ["Event date", toExcelSerial("2025-01-27")],
    ["Benchmark", "QQQ"],
    ["Window start (day)", -1],
    ["Window end (day)", 1],
    ["Estimation days", 250],
    ["Gap (days)", 10],
    ["Layers", "Basic Layer"],
  ]);
  // Claims above, then both tables on one header row (row 20), so a refresh never moves a header.
  expect(rectToAddress(parts.claims)).toBe("A12:A18");
  expect(rectToAddress(parts.companies).split(":")[0]).toBe("A20");
  expect(rectToAddress(parts.layers)).toBe("R20:V21");
  const companies = sheet.valuesAt("A20:P20")[0];
  expect(companies.slice(0, 4)).toEqual(["Symbol", "Company", "Layer", "Segment"]);
  expect(companies[8]).toBe("CAR(-1,+1)");
  const nvdaRow = data.rows.findIndex((r) => r.symbol === "NVDA");
  const nvda = sheet.valuesAt(`A${21 + nvdaRow}:P${21 + nvdaRow}`)[0];
  expect(nvda[0]).toBe("NVDA");
  expect(nvda[8]).toBeCloseTo(-0.1, 12);
  expect(nvda[13]).toBe("Loser (AI chip manufacturers)");
  expect(nvda[14]).toBe(true);
  const intcRow = data.rows.findIndex((r) => r.symbol === "INTC");
  expect(sheet.valuesAt(`P${21 + intcRow}:P${21 + intcRow}`)[0][0]).toMatch(/Unknown symbol INTC/);
  expect(sheet.valuesAt("R20:V20")[0]).toEqual([
    "Layer",
    "Companies",
    "Mean CAR",
    "Share with negative CAR",
    "Cross-sectional t",
  ]);
  expect(sheet.valuesAt("R21:T21")[0]).toEqual(["Basic Layer", 2, expect.closeTo(-0.07, 12)]);
  expect(String(sheet.valuesAt("A17:A17")[0][0])).toMatch(/^AI chip manufacturers: Loser: NVDA CAR\(-1,\+1\) .*: agrees$/);
  expect(sheet.tableList).toHaveLength(2);
  expect(sheet.chartList).toHaveLength(2);
  expect(writesElsewhere(fake, "DeepSeek Shock")).toEqual([]);
  const extent = { row: 0, col: 0, rows: parts.companies.row + parts.companies.rows, cols: 22 };
  expect(writesOutside(fake, "DeepSeek Shock", extent)).toEqual([]);
  expect(sheet.chartList.map((c) => c.seriesList[0].valuesAddress)).toEqual([`I21:I${20 + data.rows.length}`, "T21:T21"]);
});

test("an existing sheet of that name is left alone; the new one takes the next free name", async () => {
  const data = await loadShockData(client, { ...DEFAULT_SHOCK_PARAMS, layers: [1] });
  const fake = new FakeContext(["DeepSeek Shock"]);
  const result = await insertDeepSeekShockSheet(ctxOf(fake), data);
  expect(result.sheetName).toBe("DeepSeek Shock (2)");
  expect(writesElsewhere(fake, "DeepSeek Shock (2)")).toEqual([]);
});

test("a company studied against itself has no residual spread: its t is left blank, and the sheet is written", async () => {
  const data = await loadShockData(client, { ...DEFAULT_SHOCK_PARAMS, benchmark: "NVDA", layers: [1] });
  const nvda = data.rows.find((r) => r.symbol === "NVDA")!.study!;
  expect(Number.isFinite(nvda.t)).toBe(false);
  const fake = new FakeContext(["Sheet1"]);
  await insertDeepSeekShockSheet(ctxOf(fake), data);
  const sheet = fake.workbook.sheet("DeepSeek Shock")!;
  const row = 21 + data.rows.findIndex((r) => r.symbol === "NVDA");
  expect(sheet.valuesAt(`F${row}:J${row}`)[0]).toEqual([
    expect.closeTo(1, 12),
    0,
    expect.closeTo(0, 12),
    expect.closeTo(0, 12),
    "",
  ]);
  const claim = data.claims.find((c) => c.claim === "AI chip manufacturers")!.text;
  expect(claim).toMatch(/NVDA CAR\(-1,\+1\) 0\.00%, no t \(no residual spread\)/);
});
