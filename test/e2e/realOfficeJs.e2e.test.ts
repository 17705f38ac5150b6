/**
 * The built pane under the real office.js (the local copy from @microsoft/office-js, served in
 * place of Microsoft's CDN) opened in a plain browser tab, outside Excel: it must load without a
 * script error and say where it belongs instead of offering buttons that cannot work.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Browser, Page } from "playwright-core";
import { launchChromium } from "./launchChromium";
import { RunningServer, startServer } from "../../src/server/startServer";
import { REPO_ROOT, buildAddin } from "./buildAddin";

const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_DIST = path.join(REPO_ROOT, "node_modules", "@microsoft", "office-js", "dist");

let tmp: string;
let server: RunningServer | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];
const officeFilesServed: string[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aichain-officejs-e2e-"));
  const distDir = path.join(tmp, "dist");
  await buildAddin(distDir);
  server = await startServer({ http: true, port: 0, provider: "csv", csvDir: tmp, distDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 320, height: 600 } });
  page.on("pageerror", (err) => pageErrors.push(err.message));
  // Every office.js file (the loader and what it loads after it) comes from the local package.
  await page.route(`${OFFICE_CDN}**`, async (route) => {
    const relative = decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(OFFICE_CDN).pathname.length));
    const file = path.join(OFFICE_DIST, relative);
    if (!file.startsWith(OFFICE_DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory())
      return route.fulfill({ status: 404, body: "" });
    officeFilesServed.push(relative);
    return route.fulfill({ status: 200, contentType: "application/javascript", body: fs.readFileSync(file) });
  });
  await page.goto(`${server.url}/taskpane.html`);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

it("loads office.js from the local package", () => {
  expect(officeFilesServed).toContain("office.js");
});

it("says it runs inside Excel, with no script error", async () => {
  await page.getByText(/runs inside Excel/).waitFor({ timeout: 30_000 });
  expect(await page.getByRole("button", { name: /Insert/ }).count()).toBe(0);
  expect(pageErrors).toEqual([]);
});
