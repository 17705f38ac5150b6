/**
 * Task pane entry. The page also hosts the custom functions (shared runtime); the pane renders
 * once Office is ready and wires the views to the knowledge base, market client and workbook.
 */
import { createRoot } from "react-dom/client";
import { LAYERS, chainEntries, findEtf } from "../chain";
import { getMarketClient } from "../client";
import { App } from "./App";
import { NotInExcel } from "./ui/NotInExcel";
import { todayIso } from "./data/comparisonData";
import { PaneServices } from "./services";

const services: PaneServices = {
  chain: { layers: LAYERS, entries: chainEntries() },
  client: () => getMarketClient(),
  nameFor: (symbol) => findEtf(symbol)?.name,
  excelRun: (batch) => Excel.run((context) => batch(context)),
  today: () => todayIso(),
  now: () => Date.now(),
};

// Office.onReady also returns a promise; the callback is the one place the pane starts, and it cannot fail.
void Office.onReady((info) => {
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(info.host === Office.HostType.Excel ? <App services={services} /> : <NotInExcel />);
});
