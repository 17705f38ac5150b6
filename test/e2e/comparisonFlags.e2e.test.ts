/**
 * The comparison never mixes periods silently and one missing fund does not sink the insert: the
 * built pane in headless Chromium against the CSV-backed data service, where QQQ's file ends
 * early and 3033.HK (a preset) has no file at all. Screenshots of the pane and of the sheet's
 * cells (rendered from the fake workbook) go to test-results/.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Browser, Page } from "playwright-core";
import { launchChromium } from "./launchChromium";
import { RunningServer, startServer } from "../../src/server/startServer";
import { REPO_ROOT, buildAddin, buildOfficeStandIn } from "./buildAddin";
import { writeCsvFolder } from "./csvFolder";

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
// SOXX and RSP run to 2023-01-11; QQQ's data ends 2023-01-05; there is no 3033.HK.csv.
const CLOSES: Record<string, (number | null)[]> = {
  SOXX: [100, 102, 101, 104, 106, 105, 108, 110],
  QQQ: [200, 198, 204, 220, null, null, null, null],
  RSP: [50, 50.5, 51, 51.5, 52, 52.5, 53, 55],
};

const resultsDir = path.join(REPO_ROOT, "test-results");
let tmp: string;
let server: RunningServer | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-flags-e2e-"));
  const csvDir = path.join(tmp, "csv");
  const distDir = path.join(tmp, "dist");
  const standInDir = path.join(tmp, "standin");
  fs.mkdirSync(csvDir);
  writeCsvFolder(csvDir, CLOSES);
  await Promise.all([buildAddin(distDir), buildOfficeStandIn(standInDir)]);
  const standIn = fs.readFileSync(path.join(standInDir, "officeStandIn.js"), "utf8");
  server = await startServer({ http: true, port: 0, provider: "csv", csvDir, distDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 320, height: 900 } });
  await page.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "application/javascript", body: standIn }));
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByRole("tab", { name: "ETF comparison" }).waitFor();
  fs.mkdirSync(resultsDir, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The cells of `address` on the sheet, as shown (dates as serial numbers). */
function cells(sheet: string, address: string): Promise<unknown[][]> {
  return page.evaluate(([s, a]) => (window as any).__excel.workbook.sheet(s).valuesAt(a), [sheet, address] as const);
}

function isoOf(serial: unknown): string {
  return new Date(Date.UTC(1899, 11, 30) + Number(serial) * 86_400_000).toISOString().slice(0, 10);
}

it("inserts the funds that have data, flags the one that ends early and names the one left out", async () => {
  await page.getByRole("tab", { name: "ETF comparison" }).click();
  await page.getByTestId("insert-etf").click();
  const feedback = page.getByTestId("etf-feedback");
  await feedback.getByText(/Inserted "ETF Comparison"/).waitFor({ timeout: 60_000 });
  await expect(feedback.innerText()).resolves.toMatch(/3033\.HK was left out: .*3033\.HK/);
  await page.screenshot({ path: path.join(resultsDir, "comparison-flags-pane-320.png"), fullPage: true });

  const params = await cells("ETF Comparison", "A1:B13");
  const byLabel = Object.fromEntries(params.map((r) => [r[0], r[1]]));
  expect(byLabel.Compared).toBe("2022-12-30 to 2023-01-05, the period every fund shares");
  expect(byLabel["As of"]).toBe("2023-01-05");
  expect(byLabel.Fetched).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  expect(String(byLabel["Left out"])).toMatch(/^3033\.HK: .*3033\.HK/);

  const summary = await cells("ETF Comparison", "A15:L18");
  expect(
    summary
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual(["QQQ", "RSP", "SOXX"]);
  const qqq = summary.find((r) => r[0] === "QQQ")!;
  const soxx = summary.find((r) => r[0] === "SOXX")!;
  expect(qqq[11]).toBe("data ends 2023-01-05");
  expect(isoOf(qqq[4])).toBe("2023-01-05");
  // SOXX's own data runs on to 01-11, but its figures stop where QQQ's do: 100 -> 104.
  expect(isoOf(soxx[4])).toBe("2023-01-11");
  expect(isoOf(soxx[5])).toBe("2023-01-05");
  expect(soxx[6]).toBeCloseTo(0.04, 10);
  expect(soxx[11]).toBe("");
  const charts = await page.evaluate(() =>
    (window as any).__excel.workbook.sheet("ETF Comparison").chartList.map((c: any) => c.title.text),
  );
  expect(charts).toEqual([
    "Growth of 100, 2022-12-30 to 2023-01-05 (total return, daily)",
    "Total return, 2022-12-30 to 2023-01-05",
  ]);

  // The sheet as an analyst would read it, rendered from the recorded cells.
  const sheetPage = await browser!.newPage({ viewport: { width: 1366, height: 560 } });
  const rows = [
    ...params,
    [],
    ...summary.map((r, i) =>
      i === 0
        ? r
        : r.map((v, j) =>
            [3, 4, 5].includes(j) ? isoOf(v) : typeof v === "number" ? (j >= 6 && j <= 10 ? `${(v * 100).toFixed(2)}%` : v) : v,
          ),
    ),
  ];
  const html = rows
    .map(
      (r) =>
        `<tr>${(r as unknown[]).map((v) => `<td>${String(v).replace(/&/g, "&amp;").replace(/</g, "&lt;")}</td>`).join("")}</tr>`,
    )
    .join("");
  await sheetPage.setContent(
    `<style>body{font:12px Calibri,Arial,sans-serif;margin:8px}td{border:1px solid #d0d0d0;padding:2px 6px;white-space:nowrap}</style><table>${html}</table>`,
  );
  await sheetPage.screenshot({ path: path.join(resultsDir, "comparison-flags-sheet.png"), fullPage: true });
  await sheetPage.close();
});
