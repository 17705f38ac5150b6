/** @jest-environment jsdom */
import "./domSetup";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../../src/taskpane/App";
import { chainEntries } from "../../../src/chain";
import { paneServices } from "./paneServices";

function openChainTab(services = paneServices()) {
  const user = userEvent.setup({ delay: null });
  render(<App services={services.services} />);
  const panel = within(screen.getByRole("tabpanel", { name: "Value chain" }));
  return { user, panel, ...services };
}

const layerBoxes = (panel: ReturnType<typeof within>) =>
  within(panel.getByRole("group", { name: "Layers" })).getAllByRole("checkbox") as HTMLInputElement[];

describe("Value chain view", () => {
  it("names each layer once, with the number of companies it adds", () => {
    const { panel } = openChainTab();
    const perLayer = (id: number) => chainEntries().filter((e) => e.placement.layer === id).length;
    expect(layerBoxes(panel).map((b) => b.labels?.[0]?.textContent)).toEqual([
      "Basic Layer",
      "Technical Layer",
      "Application Layer",
      "Ecological Cooperation and Commercialization",
    ]);
    expect(panel.getByText(`Computing Power and Data · ${perLayer(1)} companies`)).toBeTruthy();
    // The theme repeats the name of layer 4, so only the count is shown.
    expect(panel.getByText(`${perLayer(4)} companies`)).toBeTruthy();
    const text = panel.getByRole("form").textContent ?? "";
    expect(text).not.toMatch(/\(s\)|\(AICHAIN formulas\)|\(Ecological Cooperation\)/);
  });

  it("selects none and all; with none it marks the layers and focuses the first", async () => {
    const { user, panel, excelRun } = openChainTab();
    await user.click(panel.getByRole("button", { name: "Select none" }));
    expect(layerBoxes(panel).map((b) => b.checked)).toEqual([false, false, false, false]);
    expect(panel.getByText("0 layers chosen")).toBeTruthy();
    await user.click(panel.getByRole("button", { name: "Insert value chain" }));
    expect(panel.getByRole("group", { name: "Layers" }).getAttribute("aria-invalid")).toBe("true");
    expect(panel.getByText("Choose at least one layer of the value chain.")).toBeTruthy();
    expect(document.activeElement).toBe(layerBoxes(panel)[0]);
    expect(excelRun).not.toHaveBeenCalled();
    await user.click(panel.getByRole("button", { name: "Select all" }));
    expect(layerBoxes(panel).map((b) => b.checked)).toEqual([true, true, true, true]);
    expect(panel.getByRole("group", { name: "Layers" }).getAttribute("aria-invalid")).toBeNull();
  });

  it("marks a malformed return date at its field", async () => {
    const { user, panel, excelRun } = openChainTab();
    await user.click(panel.getByRole("checkbox", { name: "Return since a date" }));
    const date = panel.getByRole("textbox", { name: /^Return since/ }) as HTMLInputElement;
    expect(date.value).toBe("2025-01-01");
    expect(date.placeholder).toBe("YYYY-MM-DD");
    await user.clear(date);
    await user.type(date, "1/1/2025");
    await user.click(panel.getByRole("button", { name: "Insert value chain" }));
    expect(date.getAttribute("aria-invalid")).toBe("true");
    expect(panel.getByText(/must be written YYYY-MM-DD/)).toBeTruthy();
    expect(document.activeElement).toBe(date);
    expect(excelRun).not.toHaveBeenCalled();
  });

  it("inserts one layer, says so in the singular, and goes to the sheet", async () => {
    const { user, panel, context } = openChainTab();
    await user.click(panel.getByRole("button", { name: "Select none" }));
    await user.click(panel.getByRole("checkbox", { name: "Application Layer" }));
    await user.click(panel.getByRole("button", { name: "Insert value chain" }));
    const feedback = panel.getByTestId("chain-feedback");
    const rows = chainEntries().filter((e) => e.placement.layer === 3).length;
    await waitFor(() => expect(feedback.textContent).toMatch(`Inserted "AI Value Chain": ${rows} rows in 1 layer.`));
    expect(document.activeElement).toBe(feedback);
    expect(panel.getByTestId("chain-footer").contains(feedback)).toBe(true);
    context.workbook.activeSheet = context.workbook.sheetList[0];
    await user.click(within(feedback).getByRole("button", { name: "Go to sheet" }));
    await waitFor(() => expect(context.workbook.activeSheet?.nameNow).toBe("AI Value Chain"));
  });

  it("says so when the sheet to go to has gone", async () => {
    const { user, panel, context } = openChainTab();
    await user.click(panel.getByRole("button", { name: "Insert value chain" }));
    const feedback = panel.getByTestId("chain-feedback");
    await waitFor(() => expect(feedback.textContent).toMatch(/Inserted "AI Value Chain"/));
    context.workbook.sheetList.splice(1, 1);
    await user.click(within(feedback).getByRole("button", { name: "Go to sheet" }));
    await waitFor(() => expect(feedback.textContent).toBe('The sheet "AI Value Chain" is no longer in the workbook.'));
  });
});
