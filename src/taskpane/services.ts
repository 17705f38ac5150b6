/**
 * What the pane needs from the rest of the add-in, passed in so the views stay free of globals:
 * the knowledge base, the market client, and a way to run a batch against the workbook.
 */
import type { ComparisonClient } from "./data/comparisonData";
import type { ChainEntryInfo, ChainLayerInfo } from "./sheets/chainTypes";

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface PaneServices {
  chain: { layers: readonly (ChainLayerInfo & { theme?: string })[]; entries: readonly ChainEntryInfo[] };
  /** The shared market client; created on first use so the pane opens even without the service. */
  client: () => ComparisonClient;
  /** The fund's name from the knowledge base when the data service does not know it. */
  nameFor: (symbol: string) => string | undefined;
  excelRun: ExcelRunner;
  today: () => string;
  now: () => number;
}

/** The funds the article recommends, preset in the comparison. */
export const PRESET_FUNDS = ["SOXX", "QQQ", "RSP", "3033.HK"];
export const DEFAULT_START = "2023-01-01";
