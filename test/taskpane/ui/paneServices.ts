/** Pane services over the fake workbook and the hand-made market fixture, for the view tests. */
import type { PaneServices } from "../../../src/taskpane/services";
import type { ComparisonClient } from "../../../src/taskpane/data/comparisonData";
import { LAYERS, chainEntries } from "../../../src/chain";
import { FakeContext } from "../fakeExcel";
import { fixtureClient } from "../marketFixture";

/** The pane's preset funds answered with the fixture's series (SOXX is AAA, and so on). */
const ALIASES: Record<string, string> = { SOXX: "AAA", QQQ: "BBB", RSP: "BBB", "3033.HK": "CCC.HK" };

export function aliasedClient(inner: ComparisonClient): ComparisonClient {
  return {
    history: (symbol, start, end) => inner.history(ALIASES[symbol] ?? symbol, start, end),
    fund: inner.fund ? (symbol) => inner.fund!(ALIASES[symbol] ?? symbol) : undefined,
  };
}

export const TODAY = "2023-02-06";

export function paneServices(opts: { client?: ComparisonClient } = {}) {
  const context = new FakeContext();
  const fixture = fixtureClient();
  const client = opts.client ?? aliasedClient(fixture.client);
  const excelRun = jest.fn((batch: (ctx: Excel.RequestContext) => Promise<unknown>) => context.run(batch));
  const services: PaneServices = {
    chain: { layers: LAYERS, entries: chainEntries() },
    client: () => client,
    nameFor: () => undefined,
    excelRun: excelRun as unknown as PaneServices["excelRun"],
    today: () => TODAY,
    now: () => Date.parse("2023-02-06T12:00:00Z"),
  };
  return { services, context, excelRun, calls: fixture.calls };
}

/** A client whose answers wait until the test releases them (or forever), to test Cancel. */
export function heldClient() {
  const pending: { symbol: string; release: () => void }[] = [];
  const inner = aliasedClient(fixtureClient().client);
  const client: ComparisonClient = {
    history: (symbol, start, end) =>
      new Promise((resolve, reject) => {
        pending.push({ symbol, release: () => void inner.history(symbol, start, end).then(resolve, reject) });
      }),
  };
  return { client, pending };
}
