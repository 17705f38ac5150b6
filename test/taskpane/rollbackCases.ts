/**
 * The rollback check every sheet Refresh gets: the scenario is refreshed once cleanly to list the
 * operations of its write batch (the refresh's last sync); then, on a fresh copy each time, once
 * per operation with a failure injected there and once with the writing sync itself failing.
 * Each failed refresh must say it put the sheet back, leave the workbook as it was, and the next
 * refresh must give what a clean one gives.
 */
import { FailurePlan, FakeContext } from "./fakeExcel";
import { sheetState } from "./writeChecks";

export interface RollbackScenario {
  /** A fresh workbook as the analyst left it before pressing Refresh. */
  setUp(): Promise<FakeContext>;
  refresh(fake: FakeContext): Promise<unknown>;
  /** The syncs a clean refresh takes; the last one writes. */
  syncs: number;
  /** False on Excel without Table.resize: a table that changed size is made anew (new id). */
  canResize: boolean;
  /** What must also hold after the next refresh (e.g. the block is still found). */
  stillFound?: (fake: FakeContext) => boolean;
}

/**
 * Ids differ between two fake workbooks; everything else must match. A table made anew (older
 * Excel) comes last in the sheet's list, so tables are compared by name.
 */
export function withoutIds(state: unknown): string {
  const { sheets, workbookNames } = state as { sheets: { tables: { name: string }[] }[]; workbookNames: unknown[] };
  const sorted = sheets.map((sheet) => ({
    ...sheet,
    tables: [...sheet.tables].sort((a, b) => a.name.localeCompare(b.name)),
  }));
  return JSON.stringify({ sheets: sorted, workbookNames }).replace(/"id":"[^"]*"/g, '"id":"-"');
}

/** Runs every failure case of the scenario; the failures that did not hold, described. */
export async function rollbackCases(scenario: RollbackScenario): Promise<{ cases: number; held: number; broken: string[] }> {
  const clean = await scenario.setUp();
  const opsBefore = clean.opLog.length;
  const syncsBefore = clean.syncCount;
  await scenario.refresh(clean);
  expect(clean.syncCount - syncsBefore).toBe(scenario.syncs);
  const writeBatch = clean.syncCount;
  const cases: FailurePlan[] = [
    ...clean.opLog
      .slice(opsBefore)
      .filter((o) => o.batch === writeBatch)
      .map((o) => ({ op: o.op, nth: o.nth })),
    { sync: writeBatch },
  ];
  const expected = withoutIds(sheetState(clean));
  let held = 0;
  const broken: string[] = [];
  for (const failure of cases) {
    const fake = await scenario.setUp();
    const before = sheetState(fake);
    fake.failure = failure;
    await expect(scenario.refresh(fake)).rejects.toThrow(/put back as it was: Injected failure/);
    fake.failure = null;
    // Without Table.resize a table that changed size was made anew, so only its id may differ.
    const same = scenario.canResize
      ? JSON.stringify(sheetState(fake)) === JSON.stringify(before)
      : withoutIds(sheetState(fake)) === withoutIds(before);
    await scenario.refresh(fake);
    if (same && withoutIds(sheetState(fake)) === expected && (scenario.stillFound?.(fake) ?? true)) held++;
    else broken.push(JSON.stringify(failure));
  }
  return { cases: cases.length, held, broken };
}
