/** @jest-environment jsdom */
import "./domSetup";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/App";
import { yearsBefore } from "../../../src/taskpane/ui/periodPresets";
import { TODAY, aliasedClient, heldClient, paneServices } from "./paneServices";
import { fixtureClient } from "../marketFixture";

async function openEtfTab(services = paneServices()) {
  const user = userEvent.setup({ delay: null });
  render(<App services={services.services} />);
  await user.click(screen.getByRole("tab", { name: "ETF comparison" }));
  const panel = screen.getByRole("tabpanel", { name: "ETF comparison" });
  return { user, panel: within(panel), ...services };
}

function fieldInput(panel: ReturnType<typeof within>, label: string): HTMLInputElement {
  return panel.getByRole("textbox", { name: new RegExp(`^${label}`) }) as HTMLInputElement;
}

describe("ETF comparison view", () => {
  it("marks a missing start date at the field, focuses it and writes nothing", async () => {
    const { user, panel, excelRun } = await openEtfTab();
    const start = fieldInput(panel, "Start");
    await user.clear(start);
    await user.click(panel.getByRole("button", { name: "Insert comparison" }));
    expect(start.getAttribute("aria-invalid")).toBe("true");
    expect(panel.getByText(/Choose a start date/)).toBeTruthy();
    expect(document.activeElement).toBe(start);
    expect(excelRun).not.toHaveBeenCalled();
    // Typing a date clears the mark.
    await user.type(start, "2023-01-01");
    expect(start.getAttribute("aria-invalid")).not.toBe("true");
  });

  it("marks an end before the start at the end field", async () => {
    const { user, panel, excelRun } = await openEtfTab();
    const end = fieldInput(panel, "End");
    await user.clear(end);
    await user.type(end, "2022-06-01");
    await user.click(panel.getByRole("button", { name: "Insert comparison" }));
    expect(end.getAttribute("aria-invalid")).toBe("true");
    expect(panel.getByText("The end date 2022-06-01 is before the start date 2023-01-01.")).toBeTruthy();
    expect(document.activeElement).toBe(end);
    expect(fieldInput(panel, "Start").getAttribute("aria-invalid")).not.toBe("true");
    expect(excelRun).not.toHaveBeenCalled();
  });

  it("asks for a fund when none is ticked, focusing the first", async () => {
    const { user, panel, excelRun } = await openEtfTab();
    const boxes = panel.getAllByRole("checkbox");
    for (const box of boxes) await user.click(box);
    expect(panel.getByText("0 funds chosen")).toBeTruthy();
    await user.click(panel.getByRole("button", { name: "Insert comparison" }));
    expect(panel.getByText("Choose at least one fund to compare.")).toBeTruthy();
    expect(document.activeElement).toBe(boxes[0]);
    expect(excelRun).not.toHaveBeenCalled();
  });

  it("sets the period from the presets and shows which one is picked", async () => {
    const { user, panel } = await openEtfTab();
    const start = fieldInput(panel, "Start");
    const end = fieldInput(panel, "End");
    await user.click(panel.getByRole("button", { name: "1Y" }));
    expect(start.value).toBe(yearsBefore(TODAY, 1));
    expect(start.value).toBe("2022-02-06");
    expect(end.value).toBe(TODAY);
    expect(panel.getByRole("button", { name: "1Y" }).getAttribute("aria-pressed")).toBe("true");
    await user.click(panel.getByRole("button", { name: "YTD" }));
    expect(start.value).toBe("2023-01-01");
    await user.click(panel.getByRole("button", { name: "Since the DeepSeek shock (2025-01-27)" }));
    expect(start.value).toBe("2025-01-24");
    expect(panel.getByText(/fall of 2025-01-27 is counted/)).toBeTruthy();
    // Typing another date leaves every preset unpressed.
    await user.clear(start);
    await user.type(start, "2022-03-03");
    for (const label of ["YTD", "1Y", "3Y", "5Y", "Max"]) {
      expect(panel.getByRole("button", { name: label }).getAttribute("aria-pressed")).toBe("false");
    }
  });

  it("refuses a malformed symbol at the field without asking the service", async () => {
    const { user, panel, calls } = await openEtfTab();
    const input = panel.getByTestId("add-symbol-input");
    await user.type(input, "not a symbol");
    await user.click(panel.getByRole("button", { name: "Add" }));
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(panel.getByText(/is not a symbol/)).toBeTruthy();
    expect(document.activeElement).toBe(input);
    expect(calls).toEqual([]);
  });

  it("puts the service's refusal of an unknown symbol at the field", async () => {
    const { user, panel } = await openEtfTab();
    const input = panel.getByTestId("add-symbol-input");
    await user.type(input, "NOPE{Enter}");
    await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
    expect(panel.getByText(/Unknown symbol NOPE/)).toBeTruthy();
    expect(panel.queryByRole("checkbox", { name: "NOPE" })).toBeNull();
  });

  it("adds a symbol with its name and the dates its prices cover, then removes it", async () => {
    const { user, panel } = await openEtfTab();
    // The fixture's AAA stands in for SOXX; CCC.HK is new to the list.
    await user.type(panel.getByTestId("add-symbol-input"), "ccc.hk");
    await user.click(panel.getByRole("button", { name: "Add" }));
    const box = await panel.findByRole("checkbox", { name: "CCC.HK" });
    expect((box as HTMLInputElement).checked).toBe(true);
    expect(document.getElementById("fund-CCC.HK-about")?.textContent).toBe("Gamma Tech Index ETFHKD · 2022-12-30 to 2023-02-06");
    expect(panel.getByTestId("etf-feedback").textContent).toMatch(
      "Added CCC.HK (Gamma Tech Index ETF): HKD prices from 2022-12-30 to 2023-02-06.",
    );
    expect(panel.getByText("5 funds chosen")).toBeTruthy();
    // The article's funds cannot be removed, only unticked.
    expect(panel.getAllByRole("button", { name: /^Remove / }).map((b) => b.getAttribute("aria-label"))).toEqual([
      "Remove CCC.HK",
    ]);
    await user.click(panel.getByRole("button", { name: "Remove CCC.HK" }));
    expect(panel.queryByRole("checkbox", { name: "CCC.HK" })).toBeNull();
    expect(panel.getByText("4 funds chosen")).toBeTruthy();
  });

  it("inserts, reports in the footer with Go to sheet, and shows each fund's dates", async () => {
    const { user, panel, context } = await openEtfTab();
    await user.click(panel.getByRole("button", { name: "Insert comparison" }));
    const feedback = panel.getByTestId("etf-feedback");
    await waitFor(() => expect(feedback.textContent).toMatch(/Inserted "ETF Comparison": 4 funds, \d+ dates\./));
    expect(panel.getByTestId("etf-footer").contains(feedback)).toBe(true);
    expect(document.activeElement).toBe(feedback);
    expect(context.workbook.sheetList.map((s) => s.nameNow)).toEqual(["Sheet1", "ETF Comparison"]);
    // SOXX is the fixture's AAA: its base close is 2022-12-30.
    expect(document.getElementById("fund-SOXX-about")?.textContent).toMatch(/USD · 2022-12-30 to 2023-02-06$/);
    context.workbook.activeSheet = context.workbook.sheetList[0];
    await user.click(within(feedback).getByRole("button", { name: "Go to sheet" }));
    await waitFor(() => expect(context.workbook.activeSheet?.nameNow).toBe("ETF Comparison"));
  });

  it("names a fund left out beside the success, as a warning", async () => {
    const failing = aliasedClient(fixtureClient({ failing: { "CCC.HK": "no CCC.HK.csv in the CSV folder" } }).client);
    const { user, panel, context } = await openEtfTab(paneServices({ client: failing }));
    await user.click(panel.getByRole("button", { name: "Insert comparison" }));
    const feedback = panel.getByTestId("etf-feedback");
    await waitFor(() => expect(feedback.textContent).toMatch(/Inserted "ETF Comparison": 3 funds/));
    expect(within(feedback).getByRole("listitem").textContent).toMatch(
      /^3033\.HK was left out: .*no CCC\.HK\.csv in the CSV folder/,
    );
    expect(within(feedback).getByRole("button", { name: "Go to sheet" })).toBeTruthy();
    expect(context.workbook.sheetList.map((s) => s.nameNow)).toEqual(["Sheet1", "ETF Comparison"]);
  });

  it("cancels a load: the requests are abandoned and nothing is written", async () => {
    const held = heldClient();
    const { user, panel, context, excelRun } = await openEtfTab(paneServices({ client: held.client }));
    await user.click(panel.getByRole("button", { name: "Insert comparison" }));
    await waitFor(() => expect(held.pending).toHaveLength(4));
    expect(panel.getByText("Loading 4 funds…")).toBeTruthy();
    expect((panel.getByRole("button", { name: "Insert comparison" }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(panel.getByRole("button", { name: "Cancel" }));
    const feedback = panel.getByTestId("etf-feedback");
    await waitFor(() => expect(feedback.textContent).toBe("Cancelled: nothing was written to the workbook."));
    // Answers arriving after Cancel change nothing.
    for (const p of held.pending) p.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(excelRun).not.toHaveBeenCalled();
    expect(context.workbook.sheetList.map((s) => s.nameNow)).toEqual(["Sheet1"]);
    expect(panel.queryByRole("button", { name: "Cancel" })).toBeNull();
    expect((panel.getByRole("button", { name: "Insert comparison" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("says the data service is unreachable in the footer, not at a field", async () => {
    const unreachable = { history: () => Promise.reject(new Error("Failed to fetch")) };
    const { user, panel } = await openEtfTab(paneServices({ client: unreachable }));
    await user.click(panel.getByRole("button", { name: "Insert comparison" }));
    const alert = await panel.findByRole("alert");
    await waitFor(() => expect(alert.textContent).toMatch(/data service is unreachable/));
    expect(panel.queryAllByRole("textbox").filter((t) => t.getAttribute("aria-invalid") === "true")).toEqual([]);
  });

  it("uses plain words and ISO dates", async () => {
    const { panel } = await openEtfTab();
    const text = panel.getByRole("form").textContent ?? "";
    expect(text).toMatch(/Total return/);
    expect(text).not.toMatch(/\(s\)|Interval of the growth table/);
    expect(fieldInput(panel, "Start").getAttribute("placeholder")).toBe("YYYY-MM-DD");
    expect(fieldInput(panel, "Start").type).toBe("text");
    expect(panel.getByRole("combobox", { name: "Growth table rows" }).textContent).toBe("Daily");
  });
});
