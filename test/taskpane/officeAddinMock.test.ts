/**
 * The thin writers against office-addin-mock objects. office-addin-mock models property loading
 * (including returning "Error, property was not loaded" instead of throwing) but not objects that
 * methods create, so whole inserts run against the recording fake in fakeExcel.ts; here the
 * writers and the read-back of a comparison's parameters run against the mock itself.
 */
import { OfficeMockObject } from "office-addin-mock";

// office-addin-mock needs only the OfficeApp list from office-addin-manifest, whose full entry
// loads an ES-module-only dependency that Jest cannot require; the list alone is plain CommonJS.
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"));
import { PossibleErrors } from "office-addin-mock/lib/possibleErrors";
import { fromExcelSerial } from "../../src/market";
import { addChart, writeBlock } from "../../src/taskpane/sheets/excelWriter";
import { parseComparisonParams } from "../../src/taskpane/sheets/etfComparisonPlan";
import { NOT_LOADED } from "./fakeExcel";

function mockSheet() {
  const addresses: string[] = [];
  const ranges: OfficeMockObject[] = [];
  const charts: { type: string; source: OfficeMockObject; seriesBy: string; chart: OfficeMockObject }[] = [];
  const sheet = new OfficeMockObject({
    getRange: (address: string) => {
      addresses.push(address);
      const range = new OfficeMockObject({
        address,
        values: [],
        formulas: [],
        numberFormat: [],
        format: { font: { bold: false } },
      });
      // The mock's own address is a loadable property; the test keeps the one asked for.
      (range as unknown as { asked: string }).asked = address;
      ranges.push(range);
      return range;
    },
    charts: {
      add: (type: string, source: OfficeMockObject, seriesBy: string) => {
        const xAxis: string[] = [];
        const chart = new OfficeMockObject({
          name: "",
          title: { text: "" },
          legend: { position: "" },
          axes: { valueAxis: { numberFormat: "" } },
          setPosition: () => undefined,
          series: { getItemAt: () => ({ setXAxisValues: (r: OfficeMockObject) => xAxis.push(r.asked) }) },
        });
        (chart as unknown as { xAxis: string[] }).xAxis = xAxis;
        charts.push({ type, source, seriesBy, chart });
        return chart;
      },
    },
  });
  return { sheet: sheet as unknown as Excel.Worksheet, addresses, ranges, charts };
}

describe("writers against office-addin-mock", () => {
  it("uses the same not-loaded message as the fake", () => {
    expect(NOT_LOADED).toBe(PossibleErrors.notLoaded);
  });

  it("writes a block as one range with 2-D formats then values", () => {
    const { sheet, addresses, ranges } = mockSheet();
    writeBlock(sheet, {
      rect: { row: 2, col: 1, rows: 2, cols: 2 },
      values: [
        ["Start", "2023-01-01"],
        ["End", "latest"],
      ],
      numberFormat: [
        ["@", "@"],
        ["@", "@"],
      ],
      bold: true,
    });
    expect(addresses).toEqual(["B3:C4"]);
    expect(ranges[0].values).toEqual([
      ["Start", "2023-01-01"],
      ["End", "latest"],
    ]);
    expect(ranges[0].numberFormat).toEqual([
      ["@", "@"],
      ["@", "@"],
    ]);
    expect(ranges[0].format.font.bold).toBe(true);
  });

  it("adds a chart from the series columns with explicit categories", () => {
    const { sheet, charts } = mockSheet();
    addChart(sheet, {
      name: "AICHAIN returns",
      type: "BarClustered",
      title: "Total return",
      seriesRect: { row: 10, col: 5, rows: 4, cols: 1 },
      categoriesRect: { row: 11, col: 0, rows: 3, cols: 1 },
      position: { topLeft: "M20", bottomRight: "U37" },
      valueAxisFormat: "0%",
    });
    expect(charts).toHaveLength(1);
    expect(charts[0].type).toBe("BarClustered");
    expect(charts[0].seriesBy).toBe("Columns");
    expect(charts[0].source.address).toBe(PossibleErrors.notLoaded); // the writer never reads it
    expect(charts[0].source.asked).toBe("F11:F14");
    expect(charts[0].chart.title.text).toBe("Total return");
    expect(charts[0].chart.axes.valueAxis.numberFormat).toBe("0%");
    expect((charts[0].chart as unknown as { xAxis: string[] }).xAxis).toEqual(["A12:A14"]);
  });

  it("reads parameters only after load and sync; unloaded values are refused, not misread", async () => {
    const block = new OfficeMockObject({
      values: [
        ["AI ETF comparison", ""],
        ["Symbols", "SOXX, QQQ"],
        ["Start", "2023-01-01"],
        ["End", "latest"],
        ["Return", "price"],
        ["Interval", "monthly"],
        ["As of", "2025-03-31 20:00 UTC"],
        ["Data source", "AICHAIN data service (csv)"],
        ["Source", "TradingKey"],
      ],
    });
    expect(block.values).toBe(PossibleErrors.notLoaded);
    expect(() => parseComparisonParams(block.values, fromExcelSerial)).toThrow(/no AICHAIN comparison/);
    block.load("values");
    await block.sync();
    expect(parseComparisonParams(block.values, fromExcelSerial)).toEqual({
      symbols: ["SOXX", "QQQ"],
      start: "2023-01-01",
      end: null,
      kind: "price",
      interval: "monthly",
    });
  });
});
