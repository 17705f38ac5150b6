/** @jest-environment jsdom */
import "./domSetup";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef } from "react";
import {
  BusyProgress,
  CheckedField,
  DescribedCheckbox,
  PaneForm,
  SelectAllNone,
  SheetActions,
  ShortInput,
} from "../../../src/taskpane/ui/formParts";

describe("the pane's shared form parts", () => {
  it("a checked field shows its hint, or the error in its place with the box marked invalid", () => {
    const { rerender } = render(
      <CheckedField label="Gap" hint="Trading days between.">
        <ShortInput value="10" onChange={() => undefined} size={5} numeric />
      </CheckedField>,
    );
    const box = screen.getByRole("textbox", { name: /^Gap/ });
    expect(screen.getByText("Trading days between.")).toBeTruthy();
    expect(box.getAttribute("aria-invalid")).toBeNull();
    expect(box.getAttribute("inputmode")).toBe("numeric");
    rerender(
      <CheckedField label="Gap" hint="Trading days between." error="Type a whole number.">
        <ShortInput value="x" onChange={() => undefined} size={5} numeric />
      </CheckedField>,
    );
    expect(screen.queryByText("Trading days between.")).toBeNull();
    expect(screen.getByText("Type a whole number.")).toBeTruthy();
    expect(screen.getByRole("textbox", { name: /^Gap/ }).getAttribute("aria-invalid")).toBe("true");
  });

  it("a short input reports typing and Enter, and Enter in it does not submit the form", async () => {
    const user = userEvent.setup({ delay: null });
    const typed: string[] = [];
    const entered = jest.fn();
    const submitted = jest.fn();
    const ref = createRef<HTMLInputElement>();
    render(
      <PaneForm label="A form" onSubmit={submitted}>
        <ShortInput ref={ref} value="" onChange={(v) => typed.push(v)} size={10} onEnter={entered} data-testid="sym" />
      </PaneForm>,
    );
    await user.type(screen.getByTestId("sym"), "S{Enter}");
    expect(typed).toEqual(["S"]);
    expect(entered).toHaveBeenCalledTimes(1);
    expect(submitted).not.toHaveBeenCalled();
    expect(ref.current).toBe(screen.getByTestId("sym"));
    expect(screen.getByRole("form", { name: "A form" })).toBeTruthy();
  });

  it("a described checkbox is read out with its line; select all / none call back", async () => {
    const user = userEvent.setup({ delay: null });
    const changes: boolean[] = [];
    const all = jest.fn();
    const none = jest.fn();
    render(
      <>
        <SelectAllNone onAll={all} onNone={none} testIdPrefix="x" />
        <DescribedCheckbox
          id="layer-1"
          label="Basic Layer"
          checked={false}
          onChange={(on) => changes.push(on)}
          about="7 companies"
        />
      </>,
    );
    const box = screen.getByRole("checkbox", { name: "Basic Layer" });
    expect(screen.getByRole("checkbox", { description: "7 companies" })).toBe(box);
    await user.click(box);
    expect(changes).toEqual([true]);
    await user.click(screen.getByRole("button", { name: "Select all" }));
    await user.click(screen.getByRole("button", { name: "Select none" }));
    expect([all.mock.calls.length, none.mock.calls.length]).toEqual([1, 1]);
  });

  it("sheet actions submit the form, refresh, and offer Cancel only while cancellable; progress shows only when busy", async () => {
    const user = userEvent.setup({ delay: null });
    const submitted = jest.fn();
    const refreshed = jest.fn();
    const cancelled = jest.fn();
    const view = (cancellable: boolean, busy: boolean) => (
      <PaneForm label="Study" onSubmit={submitted}>
        <SheetActions
          insertLabel="Insert it"
          disabled={false}
          cancellable={cancellable}
          onRefresh={refreshed}
          onCancel={cancelled}
          testIdSuffix="t"
        />
        <BusyProgress busy={busy} text="Loading prices: 2 of 4 companies…" fraction={0.5} testId="p" />
      </PaneForm>
    );
    const { rerender } = render(view(false, false));
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
    expect(screen.getByTestId("p").textContent).toBe("");
    await user.click(screen.getByRole("button", { name: "Insert it" }));
    await user.click(screen.getByRole("button", { name: "Refresh sheet" }));
    expect([submitted.mock.calls.length, refreshed.mock.calls.length]).toEqual([1, 1]);
    rerender(view(true, true));
    await user.click(screen.getByTestId("cancel-t"));
    expect(cancelled).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("p").textContent).toBe("Loading prices: 2 of 4 companies…");
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("0.5");
  });
});
