/** @jest-environment jsdom */
import "./domSetup";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/App";
import { chainEntries } from "../../../src/chain";
import { createMarketClient } from "../../../src/client";
import { FakeMarketService, gatedFetch, makeSeries, noonUtc } from "../../client/fakeMarketService";
import { paneServices } from "./paneServices";

const CANCELLED = "Cancelled: nothing was written to the workbook.";

/**
 * The pane over the real market client, whose fetch holds every request until the test lets
 * them through: Cancel must abort what was sent, not only stop waiting for it.
 */
function setup(today: string) {
  const symbols = new Set(["SOXX", "QQQ", "RSP", "3033.HK", "SPY"]);
  for (const e of chainEntries()) if (e.company.ticker) symbols.add(e.company.ticker);
  const service = new FakeMarketService({
    series: Object.fromEntries([...symbols].map((s, i) => [s, makeSeries(i + 1, "2022-01-03", "2025-06-02")])),
  });
  const fetch = gatedFetch(service);
  const client = createMarketClient({ baseUrl: "http://service.test/api/v1", fetch: fetch.fetch, now: () => noonUtc(today) });
  const services = paneServices({ client });
  return { ...services, ...fetch, services: { ...services.services, today: () => today } };
}

async function openTab(name: string, setupResult: ReturnType<typeof setup>) {
  const user = userEvent.setup({ delay: null });
  render(<App services={setupResult.services} />);
  await user.click(screen.getByRole("tab", { name }));
  return { user, panel: within(screen.getByRole("tabpanel", { name })) };
}

describe("Cancel in the pane aborts the requests already sent", () => {
  it("ETF comparison: the requests are aborted, nothing is written, and the next insert works", async () => {
    const s = setup("2023-02-06");
    const { user, panel } = await openTab("ETF comparison", s);
    await user.click(panel.getByRole("button", { name: "Insert comparison" }));
    // Three requests are out at once (the client's limit); the rest wait for a turn.
    await waitFor(() => expect(s.sent).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 30));
    const sentBeforeCancel = s.sent.length;
    expect(sentBeforeCancel).toBe(3);
    expect(s.sent.every((r) => !r.signal.aborted)).toBe(true);
    await user.click(panel.getByRole("button", { name: "Cancel" }));
    const feedback = panel.getByTestId("etf-feedback");
    await waitFor(() => expect(feedback.textContent).toBe(CANCELLED));
    expect(s.sent.slice(0, sentBeforeCancel).every((r) => r.signal.aborted)).toBe(true);
    // Requests still queued when Cancel was pressed are never sent.
    await new Promise((r) => setTimeout(r, 30));
    expect(s.sent.length).toBe(sentBeforeCancel);
    expect(s.excelRun).not.toHaveBeenCalled();
    expect(s.context.workbook.sheetList.map((sheet) => sheet.nameNow)).toEqual(["Sheet1"]);

    s.gate.passing = true;
    await user.click(panel.getByRole("button", { name: "Insert comparison" }));
    await waitFor(() => expect(feedback.textContent).toMatch(/^Inserted "ETF Comparison": 4 funds/));
    expect(s.sent.slice(sentBeforeCancel).some((r) => r.url.includes("/history?"))).toBe(true);
    expect(s.sent.slice(sentBeforeCancel).every((r) => !r.signal.aborted)).toBe(true);
    expect(s.context.workbook.sheetList.map((sheet) => sheet.nameNow)).toEqual(["Sheet1", "ETF Comparison"]);
  });

  it("ETF comparison: cancelling an added fund aborts its history and fund requests", async () => {
    const s = setup("2023-02-06");
    const { user, panel } = await openTab("ETF comparison", s);
    await user.type(panel.getByTestId("add-symbol-input"), "SPY");
    await user.click(panel.getByRole("button", { name: "Add" }));
    await waitFor(() => expect(s.sent.map((r) => r.url.match(/\/(history|fund)\?/)?.[1]).sort()).toEqual(["fund", "history"]));
    await user.click(panel.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(panel.getByTestId("etf-feedback").textContent).toBe(CANCELLED));
    expect(s.sent.every((r) => r.signal.aborted)).toBe(true);
    expect(panel.queryByRole("checkbox", { name: "SPY" })).toBeNull();
  });

  it("DeepSeek shock: the price requests are aborted, nothing is written, and the next insert works", async () => {
    const s = setup("2025-06-01");
    const { user, panel } = await openTab("DeepSeek shock", s);
    await user.click(panel.getByRole("button", { name: "Insert event study" }));
    await waitFor(() => expect(s.sent.length).toBeGreaterThan(0));
    await user.click(panel.getByRole("button", { name: "Cancel" }));
    const feedback = panel.getByTestId("shock-feedback");
    await waitFor(() => expect(feedback.textContent).toBe(CANCELLED));
    const sentBeforeRetry = s.sent.length;
    expect(s.sent.every((r) => r.signal.aborted)).toBe(true);
    expect(s.excelRun).not.toHaveBeenCalled();
    expect(s.context.workbook.sheetList.map((sheet) => sheet.nameNow)).toEqual(["Sheet1"]);

    s.gate.passing = true;
    await user.click(panel.getByRole("button", { name: "Insert event study" }));
    await waitFor(() => expect(feedback.textContent).toMatch(/^Inserted "DeepSeek Shock"/));
    expect(s.sent.slice(sentBeforeRetry).every((r) => !r.signal.aborted)).toBe(true);
    expect(s.context.workbook.sheetList.map((sheet) => sheet.nameNow)).toEqual(["Sheet1", "DeepSeek Shock"]);
  });
});
