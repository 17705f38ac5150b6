/**
 * Stands in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the browser test:
 * Office.onReady, Excel.run over a recording fake workbook (window.__excel, one shared context so
 * the test can read back what the pane wrote), and CustomFunctions.associate for the functions
 * bundle that shares the page. Bundled with the fake at test time.
 */
/* global window, setTimeout */
import { FakeContext } from "../taskpane/fakeExcel";

const context = new FakeContext(["Sheet1"]);
const associated = {};

class CustomFunctionsError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

window.__excel = context;
window.__associated = associated;
window.__excelRuns = 0;

window.Office = {
  HostType: { Excel: "Excel" },
  // A current Excel: the fake workbook has every API up to ExcelApi 1.13 (Table.resize).
  context: { requirements: { isSetSupported: (set, version) => set === "ExcelApi" && Number(version) <= 1.13 } },
  onReady(callback) {
    const info = { host: "Excel", platform: "PC" };
    return new Promise((resolve) =>
      setTimeout(() => {
        if (callback) callback(info);
        resolve(info);
      }, 0),
    );
  },
};

window.Excel = {
  run(batch) {
    window.__excelRuns++;
    return context.run(batch);
  },
};

window.CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  },
  associate(id, fn) {
    if (typeof id === "string") associated[id] = fn;
    else Object.assign(associated, id);
  },
};
