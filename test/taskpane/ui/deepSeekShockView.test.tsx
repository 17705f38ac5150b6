/** @jest-environment jsdom */
import "./domSetup";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/App";
import { chainEntries } from "../../../src/chain";
import type { ComparisonClient, HistoryLike } from "../../../src/taskpane/data/comparisonData";
import { barsFromReturns, tradingDays, wiggle } from "../../market/eventSeries";
import { paneServices } from "./paneServices";

const DATES = tradingDays("2024-01-02", 300);
const BENCH = wiggle(7, DATES.length - 1);
const EVENT = DATES.indexOf("2025-01-27");

/** Every symbol answers: the benchmark its own wiggle, each company 1.2 × it with a fall of 5 % on the event day. */
function shockClient() {
  const asked: string[] = [];
  const answer = (symbol: string): HistoryLike => {
    const returns =
      symbol === "QQQ" || symbol === "SOXX" || symbol === "SPY"
        ? BENCH
        : BENCH.map((rb, i) => 0.0001 + 1.2 * rb + (i + 1 === EVENT ? -0.05 : 0));
    return { bars: barsFromReturns(DATES, returns), currency: "USD", source: "test", asOf: "2025-06-01", stale: false };
  };
  const client: ComparisonClient = {
    history: (symbol) => {
      asked.push(symbol);
      return Promise.resolve(answer(symbol));
    },
  };
  const pending: (() => void)[] = [];
  const held: ComparisonClient = {
    history: (symbol) => new Promise((resolve) => pending.push(() => resolve(answer(symbol)))),
  };
  return { client, asked, held, pending };
}

const listedIn = (...layers: number[]) =>
  new Set(
    chainEntries()
      .filter((e) => layers.includes(e.placement.layer) && e.company.ticker)
      .map((e) => e.company.ticker),
  ).size;

async function openShockTab(services = paneServices({ client: shockClient().client })) {
  const user = userEvent.setup({ delay: null });
  render(<App services={{ ...services.services, today: () => "2025-06-01" }} />);
  await user.click(screen.getByRole("tab", { name: "DeepSeek shock" }));
  const panel = within(screen.getByRole("tabpanel", { name: "DeepSeek shock" }));
  return { user, panel, ...services };
}

const layerBoxes = (panel: ReturnType<typeof within>) =>
  within(panel.getByRole("group", { name: "Layers" })).getAllByRole("checkbox") as HTMLInputElement[];

describe("DeepSeek shock view", () => {
  it("marks a bad event date and an empty benchmark at their fields and focuses the first", async () => {
    const { user, panel, excelRun } = await openShockTab();
    const date = panel.getByRole("textbox", { name: /^Event date/ }) as HTMLInputElement;
    const bench = panel.getByRole("textbox", { name: /^Benchmark/ }) as HTMLInputElement;
    expect(date.value).toBe("2025-01-27");
    expect(bench.value).toBe("QQQ");
    expect((panel.getByRole("radio", { name: "(-1,+1)" }) as HTMLInputElement).checked).toBe(true);
    await user.clear(date);
    await user.type(date, "27/01/2025");
    await user.clear(bench);
    await user.click(panel.getByRole("button", { name: "Insert event study" }));
    expect(date.getAttribute("aria-invalid")).toBe("true");
    expect(bench.getAttribute("aria-invalid")).toBe("true");
    expect(panel.getByText(/is not a date as YYYY-MM-DD/)).toBeTruthy();
    expect(panel.getByText("Type a benchmark symbol, such as QQQ.")).toBeTruthy();
    expect(document.activeElement).toBe(date);
    expect(excelRun).not.toHaveBeenCalled();
    // Typing into a field clears its mark.
    await user.type(bench, "SPY");
    expect(bench.getAttribute("aria-invalid")).toBeNull();
  });

  it("selects none and all with counts; with none it refuses at the layers", async () => {
    const { user, panel, excelRun } = await openShockTab();
    const all = listedIn(1, 2, 3, 4);
    expect(panel.getByText(`4 layers chosen, ${all} listed companies`)).toBeTruthy();
    await user.click(panel.getByRole("button", { name: "Select none" }));
    expect(layerBoxes(panel).map((b) => b.checked)).toEqual([false, false, false, false]);
    expect(panel.getByText("0 layers chosen, 0 listed companies")).toBeTruthy();
    await user.click(panel.getByRole("button", { name: "Insert event study" }));
    expect(panel.getByRole("group", { name: "Layers" }).getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(layerBoxes(panel)[0]);
    expect(excelRun).not.toHaveBeenCalled();
    await user.click(panel.getByRole("button", { name: "Select all" }));
    expect(layerBoxes(panel).map((b) => b.checked)).toEqual([true, true, true, true]);
    expect(panel.getByRole("group", { name: "Layers" }).getAttribute("aria-invalid")).toBeNull();
  });

  it("inserts one layer against SOXX over the chosen window and goes to the sheet", async () => {
    const fake = shockClient();
    const { user, panel, context } = await openShockTab(paneServices({ client: fake.client }));
    const bench = panel.getByRole("textbox", { name: /^Benchmark/ });
    await user.clear(bench);
    await user.type(bench, "soxx");
    await user.click(panel.getByRole("radio", { name: "(0,+5)" }));
    expect(panel.getByText("6 trading days: from the event day to 5 trading days after.")).toBeTruthy();
    await user.click(panel.getByRole("button", { name: "Select none" }));
    await user.click(panel.getByRole("checkbox", { name: "Basic Layer" }));
    await user.click(panel.getByRole("button", { name: "Insert event study" }));
    const feedback = panel.getByTestId("shock-feedback");
    const n = listedIn(1);
    await waitFor(() => expect(feedback.textContent).toMatch(`Inserted "DeepSeek Shock": ${n} companies studied in 1 layer.`));
    expect(document.activeElement).toBe(feedback);
    expect(fake.asked).toContain("SOXX");
    expect(fake.asked).not.toContain("QQQ");
    const sheet = context.workbook.sheet("DeepSeek Shock")!;
    expect(sheet.valuesAt("B3:B3")[0][0]).toBe("SOXX");
    expect(sheet.valuesAt("I20:I20")[0][0]).toBe("CAR(0,+5)");
    expect(sheet.valuesAt("I21:I21")[0][0]).toBeCloseTo(-0.05, 9);
    context.workbook.activeSheet = context.workbook.sheetList[0];
    await user.click(within(feedback).getByRole("button", { name: "Go to sheet" }));
    await waitFor(() => expect(context.workbook.activeSheet?.nameNow).toBe("DeepSeek Shock"));
  });

  it("cancels a load: nothing is written, even when the prices arrive afterwards", async () => {
    const fake = shockClient();
    const { user, panel, context, excelRun } = await openShockTab(paneServices({ client: fake.held }));
    await user.click(panel.getByRole("button", { name: "Insert event study" }));
    await waitFor(() => expect(fake.pending.length).toBeGreaterThan(0));
    const all = listedIn(1, 2, 3, 4);
    const progress = panel.getByTestId("shock-progress");
    expect(progress.textContent).toBe(`Loading prices: 0 of ${all} companies…`);
    // The benchmark's prices come first (asked first); they are not a company.
    fake.pending[0]();
    fake.pending[1]();
    fake.pending[2]();
    await waitFor(() => expect(progress.textContent).toBe(`Loading prices: 2 of ${all} companies…`));
    expect(Number(within(progress).getByRole("progressbar").getAttribute("aria-valuenow"))).toBeCloseTo(2 / all, 9);
    await user.click(panel.getByRole("button", { name: "Cancel" }));
    const feedback = panel.getByTestId("shock-feedback");
    await waitFor(() => expect(feedback.textContent).toBe("Cancelled: nothing was written to the workbook."));
    for (const release of fake.pending) release();
    await new Promise((r) => setTimeout(r, 0));
    expect(excelRun).not.toHaveBeenCalled();
    expect(context.workbook.sheetList.map((s) => s.nameNow)).toEqual(["Sheet1"]);
    expect(panel.queryByRole("button", { name: "Cancel" })).toBeNull();
  });

  it("marks estimation days and gap that are not whole numbers large enough, and focuses the first", async () => {
    const { user, panel, excelRun } = await openShockTab();
    const estimation = panel.getByRole("textbox", { name: /^Estimation days/ }) as HTMLInputElement;
    const gap = panel.getByRole("textbox", { name: /^Gap/ }) as HTMLInputElement;
    expect([estimation.value, gap.value]).toEqual(["250", "10"]);
    await user.clear(estimation);
    await user.type(estimation, "59");
    await user.clear(gap);
    await user.type(gap, "0");
    await user.click(panel.getByRole("button", { name: "Insert event study" }));
    expect(estimation.getAttribute("aria-invalid")).toBe("true");
    expect(gap.getAttribute("aria-invalid")).toBe("true");
    expect(panel.getByText("Type a whole number of trading days, at least 60 (250 is a year).")).toBeTruthy();
    expect(panel.getByText("Type a whole number of trading days, at least 1.")).toBeTruthy();
    expect(document.activeElement).toBe(estimation);
    expect(excelRun).not.toHaveBeenCalled();
    await user.type(gap, "x");
    expect(gap.getAttribute("aria-invalid")).toBeNull();
  });

  it("writes the estimation days and gap on the sheet, and Refresh reads them back from it", async () => {
    const fake = shockClient();
    const { user, panel, context } = await openShockTab(paneServices({ client: fake.client }));
    const estimation = panel.getByRole("textbox", { name: /^Estimation days/ });
    await user.clear(estimation);
    await user.type(estimation, "120");
    const gap = panel.getByRole("textbox", { name: /^Gap/ });
    await user.clear(gap);
    await user.type(gap, "5");
    await user.click(panel.getByRole("button", { name: "Select none" }));
    await user.click(panel.getByRole("checkbox", { name: "Basic Layer" }));
    await user.click(panel.getByRole("button", { name: "Insert event study" }));
    const feedback = panel.getByTestId("shock-feedback");
    await waitFor(() => expect(feedback.textContent).toMatch(/^Inserted "DeepSeek Shock"/));
    const sheet = context.workbook.sheet("DeepSeek Shock")!;
    expect(sheet.valuesAt("A6:B7")).toEqual([
      ["Estimation days", 120],
      ["Gap (days)", 5],
    ]);
    expect(sheet.valuesAt("M21:M21")).toEqual([[120]]);
    const tableIds = sheet.tableList.map((t) => t.tableId);
    // The analyst edits the sheet, then presses Refresh from another sheet.
    sheet.seed("B3:B5", [["SPY"], [0], [5]]);
    sheet.seed("B6:B6", [[200]]);
    context.workbook.activeSheet = context.workbook.sheetList[0];
    await user.click(panel.getByRole("button", { name: "Refresh sheet" }));
    await waitFor(() =>
      expect(feedback.textContent).toMatch(
        `Refreshed "DeepSeek Shock" (the active sheet had no study, so the one inserted or refreshed last was refreshed; ` +
          `its sheet is now shown): ${listedIn(1)} companies studied in 1 layer.`,
      ),
    );
    // The form now shows what the sheet holds.
    expect((panel.getByRole("textbox", { name: /^Benchmark/ }) as HTMLInputElement).value).toBe("SPY");
    expect((panel.getByRole("textbox", { name: /^Estimation days/ }) as HTMLInputElement).value).toBe("200");
    expect((panel.getByRole("textbox", { name: /^Gap/ }) as HTMLInputElement).value).toBe("5");
    expect((panel.getByRole("radio", { name: "(0,+5)" }) as HTMLInputElement).checked).toBe(true);
    expect(fake.asked).toContain("SPY");
    expect(sheet.valuesAt("L20:M21")).toEqual([
      ["SPY return(0,+5)", "Estimation days"],
      [expect.any(Number), 200],
    ]);
    expect(sheet.tableList.map((t) => t.tableId)).toEqual(tableIds);
    expect(context.workbook.activeSheet?.nameNow).toBe("DeepSeek Shock");
  });

  it("after a Refresh shows the sheet's event date and layers, and names the other studies", async () => {
    const { user, panel, context } = await openShockTab();
    await user.click(panel.getByRole("button", { name: "Select none" }));
    await user.click(panel.getByRole("checkbox", { name: "Basic Layer" }));
    const insert = panel.getByRole("button", { name: "Insert event study" });
    const feedback = panel.getByTestId("shock-feedback");
    await user.click(insert);
    await waitFor(() => expect(feedback.textContent).toMatch(/^Inserted "DeepSeek Shock"/));
    await user.click(insert);
    await waitFor(() => expect(feedback.textContent).toMatch(/^Inserted "DeepSeek Shock \(2\)"/));
    const first = context.workbook.sheet("DeepSeek Shock")!;
    first.seed("B2:B2", [["2025-01-28"]]);
    first.seed("B4:B5", [[-2], [3]]);
    first.seed("B8:B8", [["Technical Layer; Layer 1"]]);
    context.workbook.activeSheet = first;
    await user.click(panel.getByRole("button", { name: "Refresh sheet" }));
    await waitFor(() =>
      expect(feedback.textContent).toMatch(
        /^Refreshed "DeepSeek Shock": .* Another study is on "DeepSeek Shock \(2\)": open that sheet and press Refresh sheet to refresh it\./,
      ),
    );
    expect((panel.getByRole("textbox", { name: /^Event date/ }) as HTMLInputElement).value).toBe("2025-01-28");
    expect(layerBoxes(panel).map((b) => b.checked)).toEqual([true, true, false, false]);
    // A window typed on the sheet that is no preset is offered, chosen, beside the presets.
    expect((panel.getByRole("radio", { name: "(-2,+3)" }) as HTMLInputElement).checked).toBe(true);
    expect(panel.getByText("6 trading days: from 2 trading days before to 3 trading days after.")).toBeTruthy();
    expect(first.valuesAt("I20:I20")).toEqual([["CAR(-2,+3)"]]);
  });

  it("Refresh with no study in the workbook says so and writes nothing", async () => {
    const { user, panel, context } = await openShockTab();
    await user.click(panel.getByRole("button", { name: "Refresh sheet" }));
    const feedback = panel.getByTestId("shock-feedback");
    await waitFor(() => expect(feedback.textContent).toMatch("This workbook has no AICHAIN DeepSeek shock study to refresh."));
    expect(context.writes).toEqual([]);
  });

  it("cancels a refresh while it loads: the sheet stays as it was", async () => {
    const fake = shockClient();
    const { user, panel, context } = await openShockTab(paneServices({ client: fake.held }));
    await user.click(panel.getByRole("button", { name: "Select none" }));
    await user.click(panel.getByRole("checkbox", { name: "Technical Layer" }));
    await user.click(panel.getByRole("button", { name: "Insert event study" }));
    const feedback = panel.getByTestId("shock-feedback");
    await waitFor(() => expect(fake.pending.length).toBeGreaterThan(0));
    while (fake.pending.length > 0) fake.pending.shift()!();
    await waitFor(() => expect(feedback.textContent).toMatch(/^Inserted "DeepSeek Shock"/));
    const writes = context.writes.length;
    await user.click(panel.getByRole("button", { name: "Refresh sheet" }));
    await waitFor(() => expect(fake.pending.length).toBeGreaterThan(0));
    expect(panel.getByTestId("shock-progress").textContent).toBe(
      `Loading prices for the study on the sheet: 0 of ${listedIn(2)} companies…`,
    );
    await user.click(panel.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(feedback.textContent).toBe("Cancelled: nothing was written to the workbook."));
    while (fake.pending.length > 0) fake.pending.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(context.writes.length).toBe(writes);
  });
});
