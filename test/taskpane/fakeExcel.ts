/**
 * A small recording fake of the part of the Excel JS API the sheet builders use.
 *
 * office-addin-mock models property loading well but cannot model objects that methods create
 * (worksheets.add, tables.add, charts.add, names, null objects) or cell contents, so this fake
 * does that, while keeping office-addin-mock's behaviour for unloaded properties: reading one
 * returns the string "Error, property was not loaded" instead of throwing.
 *
 * It records every context.sync(), every write with its sheet and address, and every operation,
 * and can inject a failure at a named operation or at a given sync. It has no Node or Jest
 * dependencies so the browser test can use it as the Excel stand-in too.
 */

export const NOT_LOADED = "Error, property was not loaded";

export interface WriteRecord {
  sheet: string;
  address: string;
  kind: string;
}

/**
 * A cell holds a constant (`value`) or a formula. A formula's shown value is `shown` (set by the
 * test that seeds it, since the fake does not calculate), or #REF! once a reference in it broke.
 */
type Cell = { value: unknown; format?: string; formula?: string; shown?: unknown };

function shownValue(cell: Cell | undefined): unknown {
  if (!cell) return "";
  if (cell.formula === undefined) return cell.value;
  return cell.formula.includes("#REF!") ? "#REF!" : (cell.shown ?? "");
}

/* ---------- addresses ---------- */

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
function colLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}
export function parseRect(address: string): Rect {
  const local = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  const [a, b = a] = local.split(":");
  const pa = /^([A-Z]+)(\d+)$/i.exec(a);
  const pb = /^([A-Z]+)(\d+)$/i.exec(b);
  if (!pa || !pb) throw new Error(`Fake Excel: unsupported address ${address}`);
  const r1 = Number(pa[2]) - 1;
  const r2 = Number(pb[2]) - 1;
  const c1 = colIndex(pa[1]);
  const c2 = colIndex(pb[1]);
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}
export function rectToAddress(r: Rect): string {
  return `${colLetters(r.col)}${r.row + 1}:${colLetters(r.col + r.cols - 1)}${r.row + r.rows}`;
}
function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

/* ---------- Excel's naming rules ---------- */

/** Why Excel would refuse `name` for a worksheet, or null when it is acceptable. */
export function sheetNameProblem(name: string): string | null {
  if (typeof name !== "string" || name.trim() === "") return "a sheet name cannot be blank";
  if (name.length > 31) return `the sheet name "${name}" is longer than 31 characters`;
  if (/[[\]:*?/\\]/.test(name)) return `the sheet name "${name}" holds one of [ ] : * ? / \\`;
  if (name.startsWith("'") || name.endsWith("'")) return `the sheet name "${name}" begins or ends with an apostrophe`;
  if (name.toLowerCase() === "history") return "History is reserved";
  return null;
}

/**
 * Why Excel would refuse `name` for a table or a defined name, or null when it is acceptable:
 * a letter, underscore or backslash first, then letters, digits, periods and underscores; not a
 * cell reference (A1, XFD1048576, R1C1), not C or R, at most 255 characters.
 */
export function definedNameProblem(name: string): string | null {
  if (typeof name !== "string" || name === "") return "a name cannot be empty";
  if (name.length > 255) return `the name "${name}" is longer than 255 characters`;
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name))
    return `"${name}" is not a valid name (letters, digits, _ and . only, no spaces)`;
  if (/^[CR]$/i.test(name)) return `"${name}" is reserved`;
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1 && colIndex(a1[1]) <= colIndex("XFD") && Number(a1[2]) >= 1 && Number(a1[2]) <= 1048576) {
    return `"${name}" is a cell reference`;
  }
  if (/^R\d*C\d*$/i.test(name)) return `"${name}" is a cell reference`;
  return null;
}

/* ---------- loading ---------- */

/** Properties become readable only after load() and the next sync, like the real API. */
class Loadable {
  protected loaded = new Set<string>();
  private pending = new Set<string>();
  constructor(protected readonly ctx: FakeContext) {}
  load(props?: string | string[] | Record<string, unknown>): this {
    const list =
      props === undefined
        ? ["*"]
        : typeof props === "string"
          ? props.split(",")
          : Array.isArray(props)
            ? props
            : Object.keys(props);
    // "items/name,items/id" and ["items/name", "items/id"] both load those item properties.
    for (const p of list.flatMap((x) => x.split(","))) this.pending.add(p.trim());
    this.ctx.track(this);
    return this;
  }
  protected pendingProps(): Set<string> {
    return this.pending;
  }
  /** Called by sync. */
  settle(): void {
    for (const p of this.pending) this.loaded.add(p);
    this.pending.clear();
  }
  protected read<T>(prop: string, value: () => T): T | string {
    return this.loaded.has(prop) || this.loaded.has("*") ? value() : NOT_LOADED;
  }
}

/* ---------- ranges ---------- */

export class FakeRange extends Loadable {
  readonly format: {
    font: Record<string, unknown>;
    fill: Record<string, unknown>;
    columnWidth?: number;
  };
  constructor(
    ctx: FakeContext,
    readonly sheet: FakeWorksheet | null,
    readonly rect: Rect | null,
  ) {
    super(ctx);
    const record = (kind: string) => this.record(kind);
    const font: Record<string, unknown> = {};
    const fill: Record<string, unknown> = {};
    this.format = {
      font: new Proxy(font, { set: (t, k, v) => ((t[k as string] = v), record(`font.${String(k)}`), true) }),
      fill: new Proxy(fill, { set: (t, k, v) => ((t[k as string] = v), record(`fill.${String(k)}`), true) }),
    };
    let width: number | undefined;
    Object.defineProperty(this.format, "columnWidth", {
      get: () => width,
      set: (v: number) => {
        width = v;
        record("columnWidth");
        if (this.sheet && this.rect) for (let c = 0; c < this.rect.cols; c++) this.sheet.columnWidths.set(this.rect.col + c, v);
      },
    });
  }
  private live(): { sheet: FakeWorksheet; rect: Rect } {
    if (!this.sheet || !this.rect) throw new Error("Fake Excel: method called on a null range");
    return { sheet: this.sheet, rect: this.rect };
  }
  private record(kind: string) {
    const { sheet, rect } = this.live();
    this.ctx.op(`range.${kind}`);
    this.ctx.writes.push({ sheet: sheet.nameNow, address: rectToAddress(rect), kind });
  }
  private write2d(kind: string, data: unknown[][], apply: (cell: Cell, v: unknown) => void) {
    const { sheet, rect } = this.live();
    if (!Array.isArray(data) || data.length !== rect.rows || data.some((r) => !Array.isArray(r) || r.length !== rect.cols)) {
      throw new Error(`Fake Excel: ${kind} of the wrong shape for ${rectToAddress(rect)}`);
    }
    // JSON carries NaN and Infinity as null (which leaves a cell unchanged) and drops undefined.
    const bad = data.flat().filter((v) => v === undefined || (typeof v === "number" && !Number.isFinite(v)));
    if (bad.length > 0) {
      throw new Error(`Fake Excel: ${kind} for ${rectToAddress(rect)} holds ${String(bad[0])}, which Excel cannot store`);
    }
    this.record(kind);
    data.forEach((row, i) => row.forEach((v, j) => apply(sheet.cell(rect.row + i, rect.col + j), v)));
  }
  get isNullObject(): boolean | string {
    return this.read("isNullObject", () => this.sheet === null);
  }
  get address(): string {
    return this.read("address", () => `${quoteSheet(this.live().sheet.nameNow)}!${rectToAddress(this.live().rect)}`) as string;
  }
  get values(): unknown[][] {
    return this.read("values", () => {
      const { sheet, rect } = this.live();
      return Array.from({ length: rect.rows }, (_, i) =>
        Array.from({ length: rect.cols }, (_, j) => shownValue(sheet.peek(rect.row + i, rect.col + j))),
      );
    }) as unknown[][];
  }
  set values(data: unknown[][]) {
    this.write2d("values", data, (cell, v) => {
      delete cell.formula;
      delete cell.shown;
      cell.value = v;
    });
  }
  get formulas(): unknown[][] {
    return this.read("formulas", () => {
      const { sheet, rect } = this.live();
      return Array.from({ length: rect.rows }, (_, i) =>
        Array.from({ length: rect.cols }, (_, j) => {
          const cell = sheet.peek(rect.row + i, rect.col + j);
          return cell?.formula ?? cell?.value ?? "";
        }),
      );
    }) as unknown[][];
  }
  set formulas(data: unknown[][]) {
    this.write2d("formulas", data, (cell, v) => {
      if (typeof v === "string" && v.startsWith("=")) {
        // Rewriting the same formula keeps what it shows; a new one shows nothing until calculated.
        if (cell.formula !== v) delete cell.shown;
        cell.formula = v;
        cell.value = "";
      } else {
        delete cell.formula;
        delete cell.shown;
        cell.value = v;
      }
    });
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat", () => {
      const { sheet, rect } = this.live();
      return Array.from({ length: rect.rows }, (_, i) =>
        Array.from({ length: rect.cols }, (_, j) => sheet.peek(rect.row + i, rect.col + j)?.format ?? "General"),
      );
    }) as unknown[][];
  }
  set numberFormat(data: unknown[][]) {
    this.write2d("numberFormat", data, (cell, v) => (cell.format = String(v)));
  }
  clear(applyTo = "All"): void {
    const { sheet, rect } = this.live();
    this.record(`clear.${applyTo}`);
    for (let i = 0; i < rect.rows; i++) {
      for (let j = 0; j < rect.cols; j++) {
        const key = `${rect.row + i},${rect.col + j}`;
        const cell = sheet.cells.get(key);
        if (!cell) continue;
        if (applyTo === "All") sheet.cells.delete(key);
        else if (applyTo === "Contents") {
          delete cell.formula;
          delete cell.shown;
          cell.value = "";
        } else if (applyTo === "Formats") delete cell.format;
      }
    }
  }
  select(): void {
    this.ctx.op("range.select");
  }
}

/* ---------- tables ---------- */

let tableIds = 0;

export class FakeTable extends Loadable {
  readonly tableId = String(++tableIds);
  private _name: string;
  private _style = "";
  showHeaders = true;
  showFilterButton = false;
  showBandedRows = false;
  deleted = false;
  constructor(
    ctx: FakeContext,
    readonly sheet: FakeWorksheet,
    public rect: Rect,
    name: string,
  ) {
    super(ctx);
    this._name = name;
  }
  get id(): string {
    return this.read("id", () => this.tableId) as string;
  }
  get isNullObject(): boolean | string {
    return this.read("isNullObject", () => false);
  }
  get style(): string {
    return this.read("style", () => this._style) as string;
  }
  set style(value: string) {
    this.ctx.op("table.style");
    this._style = value;
  }
  get styleNow(): string {
    return this._style;
  }
  /**
   * Like Excel: the header stays on its row and the new range must overlap the old one
   * (ExcelApi 1.13). The header row's cells become the column names.
   */
  resize(target: string | FakeRange): void {
    this.ctx.op("table.resize");
    if (!this.ctx.resizeSupported) throw new Error("Fake Excel: ApiNotFound: Table.resize needs ExcelApi 1.13");
    const rect = typeof target === "string" ? parseRect(target) : target.rect!;
    if (rect.row !== this.rect.row) throw new Error("Fake Excel: InvalidArgument: the header row must stay on its row");
    if (!overlaps(rect, this.rect)) throw new Error("Fake Excel: InvalidArgument: the new range must overlap the table");
    const other = this.sheet.tableList.find((t) => t !== this && overlaps(t.rect, rect));
    if (other) throw new Error(`Fake Excel: InvalidArgument: a table can't overlap another table (${other.nameNow})`);
    this.rect = rect;
  }
  get address(): string {
    return rectToAddress(this.rect);
  }
  get name(): string {
    return this.read("name", () => this._name) as string;
  }
  set name(value: string) {
    const problem = definedNameProblem(value);
    if (problem) throw new Error(`Fake Excel: InvalidArgument: ${problem}`);
    const clash = this.ctx.workbook.allTables().find((t) => t !== this && t.nameNow.toLowerCase() === value.toLowerCase());
    if (clash) throw new Error(`Fake Excel: a table named ${value} already exists`);
    // Tables and defined names share one namespace.
    if (this.ctx.workbook.allDefinedNames().some((n) => n.nameText.toLowerCase() === value.toLowerCase())) {
      throw new Error(`Fake Excel: ${value} is already a defined name`);
    }
    this.ctx.op("table.name");
    // Excel rewrites structured references to follow a renamed table.
    this.ctx.workbook.rewriteFormulas(this._name, value);
    this._name = value;
  }
  get nameNow(): string {
    return this._name;
  }
  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.ctx, this.sheet, { ...this.rect, rows: 1 });
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, this.sheet, this.rect);
  }
  /** Deletes the table and its cells; formulas referring to it show #REF! from then on. */
  delete(): void {
    this.ctx.op("table.delete");
    this.deleted = true;
    this.sheet.tableList.splice(this.sheet.tableList.indexOf(this), 1);
    for (let i = 0; i < this.rect.rows; i++)
      for (let j = 0; j < this.rect.cols; j++) this.sheet.cells.delete(`${this.rect.row + i},${this.rect.col + j}`);
    this.ctx.workbook.rewriteFormulas(this._name, "#REF!");
  }
}

/** What getItemOrNullObject answers for a table that does not exist. */
export class FakeNullTable extends Loadable {
  get isNullObject(): boolean | string {
    return this.read("isNullObject", () => true);
  }
}

class FakeTableCollection extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly list: () => FakeTable[],
    private readonly sheet: FakeWorksheet | null,
  ) {
    super(ctx);
  }
  get items(): FakeTable[] {
    return this.read("items", () => [...this.list()]) as FakeTable[];
  }
  settle(): void {
    const itemProps = [...this.pendingProps()].filter((p) => p === "items" || p.startsWith("items/"));
    super.settle();
    if (itemProps.length > 0) {
      this.loaded.add("items");
      const props = itemProps.map((p) => p.slice("items/".length)).filter(Boolean);
      for (const t of this.list()) t.load(props.length > 0 ? props : ["name"]).settle();
    }
  }
  getItemOrNullObject(key: string): FakeTable | FakeNullTable {
    const found = this.list().find((t) => t.tableId === key || t.nameNow.toLowerCase() === key.toLowerCase());
    return found ?? new FakeNullTable(this.ctx);
  }
  add(address: string, hasHeaders: boolean): FakeTable {
    if (!this.sheet) throw new Error("Fake Excel: add tables through a worksheet");
    this.ctx.op("tables.add");
    if (!hasHeaders) throw new Error("Fake Excel: tables here always have headers");
    const rect = parseRect(address);
    const other = this.sheet.tableList.find((t) => overlaps(t.rect, rect));
    if (other) throw new Error(`Fake Excel: InvalidArgument: a table can't overlap another table (${other.nameNow})`);
    const n = this.ctx.workbook.allTables().length + 1;
    const table = new FakeTable(this.ctx, this.sheet, rect, `Table${n}`);
    this.sheet.tableList.push(table);
    return table;
  }
}

/* ---------- charts ---------- */

export class FakeSeries {
  xAxisAddress = "";
  constructor(
    private readonly ctx: FakeContext,
    readonly name: string,
    readonly valuesAddress: string,
  ) {}
  setXAxisValues(range: FakeRange): void {
    this.ctx.op("series.setXAxisValues");
    this.xAxisAddress = rectToAddress(range.rect!);
  }
}

let chartIds = 0;

/** A chart whose every setting is an operation (so a failure can be injected at any of them). */
export class FakeChart extends Loadable {
  readonly chartId = `{chart-${++chartIds}}`;
  private _name = "Chart";
  readonly title: { text: string };
  readonly legend: { position: string; visible: boolean };
  readonly axes: {
    valueAxis: { numberFormat: string };
    categoryAxis: { numberFormat: string; reversePlotOrder: boolean };
  };
  readonly dataLabels: { showValue: boolean; numberFormat: string };
  position: { topLeft: string; bottomRight?: string } | null = null;
  deleted = false;
  seriesList: FakeSeries[] = [];
  readonly series: { getItemAt: (i: number) => FakeSeries; readonly count: number };
  sourceAddress = "";
  constructor(
    ctx: FakeContext,
    readonly sheet: FakeWorksheet,
    readonly type: string,
    sourceAddress: string,
    public seriesBy: string,
  ) {
    super(ctx);
    const settings = <T extends object>(label: string, init: T): T =>
      new Proxy(init, {
        set: (t, k, v) => (ctx.op(`chart.${label}.${String(k)}`), ((t as Record<string, unknown>)[k as string] = v), true),
      });
    this.title = settings("title", { text: "" });
    this.legend = settings("legend", { position: "", visible: true });
    this.axes = {
      valueAxis: settings("valueAxis", { numberFormat: "" }),
      categoryAxis: settings("categoryAxis", { numberFormat: "", reversePlotOrder: false }),
    };
    this.dataLabels = settings("dataLabels", { showValue: false, numberFormat: "" });
    this.readSource(sourceAddress);
    const series = {
      getItemAt: (i: number) => {
        if (!this.seriesList[i]) throw new Error(`Fake Excel: chart has no series ${i}`);
        return this.seriesList[i];
      },
    };
    Object.defineProperty(series, "count", { get: () => this.seriesList.length });
    this.series = series as typeof this.series;
  }
  private readSource(sourceAddress: string): void {
    this.sourceAddress = sourceAddress;
    const src = parseRect(sourceAddress);
    // Header row holds the series names when its first cell is text, as Excel decides.
    const header = this.sheet.peek(src.row, src.col)?.value;
    const hasHeader = typeof header === "string";
    const top = hasHeader ? 1 : 0;
    this.seriesList = Array.from({ length: src.cols }, (_, j) => {
      const name = hasHeader ? String(this.sheet.peek(src.row, src.col + j)?.value ?? "") : `Series${j + 1}`;
      return new FakeSeries(
        this.ctx,
        name,
        rectToAddress({ row: src.row + top, col: src.col + j, rows: src.rows - top, cols: 1 }),
      );
    });
  }
  /** Replaces the chart's data in place (its id, name and place stay). */
  setData(source: FakeRange, seriesBy = "Auto"): void {
    this.ctx.op("chart.setData");
    this.seriesBy = seriesBy;
    this.readSource(rectToAddress(source.rect!));
  }
  get id(): string {
    return this.read("id", () => this.chartId) as string;
  }
  get name(): string {
    return this.read("name", () => this._name) as string;
  }
  set name(v: string) {
    this.ctx.op("chart.name");
    this._name = v;
  }
  get nameNow(): string {
    return this._name;
  }
  /** Where the chart floats, in points (default cells: 48 pt wide, 15 pt high). */
  readonly geometry = { top: 0, left: 0, width: 360, height: 216 };
  setPosition(topLeft: string, bottomRight?: string): void {
    this.ctx.op("chart.setPosition");
    this.position = { topLeft, bottomRight };
    const a = parseRect(`${topLeft}:${bottomRight ?? topLeft}`);
    Object.assign(this.geometry, { top: a.row * 15, left: a.col * 48, width: a.cols * 48, height: a.rows * 15 });
  }
  get top(): number {
    return this.read("top", () => this.geometry.top) as number;
  }
  set top(v: number) {
    this.ctx.op("chart.top");
    this.geometry.top = v;
  }
  get left(): number {
    return this.read("left", () => this.geometry.left) as number;
  }
  set left(v: number) {
    this.ctx.op("chart.left");
    this.geometry.left = v;
  }
  get width(): number {
    return this.read("width", () => this.geometry.width) as number;
  }
  set width(v: number) {
    this.ctx.op("chart.width");
    this.geometry.width = v;
  }
  get height(): number {
    return this.read("height", () => this.geometry.height) as number;
  }
  set height(v: number) {
    this.ctx.op("chart.height");
    this.geometry.height = v;
  }
  delete(): void {
    this.ctx.op("chart.delete");
    this.deleted = true;
    this.sheet.chartList.splice(this.sheet.chartList.indexOf(this), 1);
  }
}

class FakeChartCollection extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly sheet: FakeWorksheet,
  ) {
    super(ctx);
  }
  get items(): FakeChart[] {
    return this.read("items", () => [...this.sheet.chartList]) as FakeChart[];
  }
  settle(): void {
    const itemProps = [...this.pendingProps()].filter((p) => p === "items" || p.startsWith("items/"));
    super.settle();
    if (itemProps.length > 0) {
      this.loaded.add("items");
      const props = itemProps.map((p) => p.slice("items/".length)).filter(Boolean);
      for (const c of this.sheet.chartList) c.load(props.length > 0 ? props : ["name"]).settle();
    }
  }
  add(type: string, source: FakeRange, seriesBy = "Auto"): FakeChart {
    this.ctx.op("charts.add");
    const chart = new FakeChart(this.ctx, this.sheet, type, rectToAddress(source.rect!), seriesBy);
    this.sheet.chartList.push(chart);
    return chart;
  }
}

/* ---------- names ---------- */

export class FakeNamedItem extends Loadable {
  /** The sheet the name refers to (it follows its cells, even onto another sheet). */
  targetSheet: FakeWorksheet | null;
  /** The name still exists but refers to #REF! (its sheet was deleted). */
  broken = false;
  constructor(
    ctx: FakeContext,
    private readonly scope: Map<string, FakeNamedItem>,
    readonly nameText: string,
    targetSheet: FakeWorksheet | null,
    public target: Rect | null,
    readonly commentText = "",
  ) {
    super(ctx);
    this.targetSheet = targetSheet;
  }
  get name(): string {
    return this.read("name", () => this.nameText) as string;
  }
  get comment(): string {
    return this.read("comment", () => this.commentText) as string;
  }
  get isNullObject(): boolean | string {
    return this.read("isNullObject", () => this.target === null);
  }
  getRangeOrNullObject(): FakeRange {
    return this.target && this.targetSheet && !this.broken
      ? new FakeRange(this.ctx, this.targetSheet, this.target)
      : new FakeRange(this.ctx, null, null);
  }
  delete(): void {
    if (!this.target) throw new Error("Fake Excel: deleting a null named item");
    this.ctx.op("name.delete");
    this.scope.delete(this.nameText.toLowerCase());
  }
}

/** Defined names of one scope: a worksheet's, or the workbook's. */
class FakeNamedItemCollection extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly scope: Map<string, FakeNamedItem>,
  ) {
    super(ctx);
  }
  get items(): FakeNamedItem[] {
    return this.read("items", () => [...this.scope.values()]) as FakeNamedItem[];
  }
  settle(): void {
    super.settle();
    if (this.loaded.has("items/name") || this.loaded.has("items")) {
      this.loaded.add("items");
      for (const n of this.scope.values()) n.load("name").settle();
    }
  }
  add(name: string, reference: FakeRange, comment?: string): FakeNamedItem {
    this.ctx.op("names.add");
    const problem = definedNameProblem(name);
    if (problem) throw new Error(`Fake Excel: InvalidArgument: ${problem}`);
    if (this.scope.has(name.toLowerCase())) throw new Error(`Fake Excel: the name ${name} already exists`);
    if (this.ctx.workbook.allTables().some((t) => t.nameNow.toLowerCase() === name.toLowerCase())) {
      throw new Error(`Fake Excel: ${name} is already a table's name`);
    }
    if (comment !== undefined && comment.length > 255)
      throw new Error("Fake Excel: InvalidArgument: a name's comment holds at most 255 characters");
    const item = new FakeNamedItem(this.ctx, this.scope, name, reference.sheet, reference.rect, comment);
    this.scope.set(name.toLowerCase(), item);
    return item;
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return this.scope.get(name.toLowerCase()) ?? new FakeNamedItem(this.ctx, this.scope, name, null, null);
  }
}

/* ---------- worksheets ---------- */

let sheetIds = 0;

export class FakeWorksheet extends Loadable {
  readonly sheetId = `{sheet-${++sheetIds}}`;
  private _name: string;
  readonly cells = new Map<string, Cell>();
  readonly columnWidths = new Map<number, number>();
  readonly tableList: FakeTable[] = [];
  readonly chartList: FakeChart[] = [];
  readonly nameMap = new Map<string, FakeNamedItem>();
  frozenRows = 0;
  readonly tables: FakeTableCollection;
  readonly charts: FakeChartCollection;
  readonly names: FakeNamedItemCollection;
  readonly freezePanes: { freezeRows: (n: number) => void };
  constructor(ctx: FakeContext, name: string) {
    super(ctx);
    this._name = name;
    this.tables = new FakeTableCollection(ctx, () => this.tableList, this);
    this.charts = new FakeChartCollection(ctx, this);
    this.names = new FakeNamedItemCollection(ctx, this.nameMap);
    this.freezePanes = {
      freezeRows: (n: number) => {
        ctx.op("freezeRows");
        this.frozenRows = n;
      },
    };
  }
  get name(): string {
    return this.read("name", () => this._name) as string;
  }
  get nameNow(): string {
    return this._name;
  }
  get id(): string {
    return this.read("id", () => this.sheetId) as string;
  }
  cell(row: number, col: number): Cell {
    const key = `${row},${col}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { value: "" };
      this.cells.set(key, c);
    }
    return c;
  }
  peek(row: number, col: number): Cell | undefined {
    return this.cells.get(`${row},${col}`);
  }
  /** Test helper: fills cells without recording a write. */
  seed(address: string, values: unknown[][]): void {
    const r = parseRect(address);
    values.forEach((row, i) => row.forEach((v, j) => (this.cell(r.row + i, r.col + j).value = v)));
  }
  /** Test helper: an analyst's formula and what it shows, without recording a write. */
  seedFormula(address: string, formula: string, shown: unknown): void {
    const r = parseRect(address);
    const cell = this.cell(r.row, r.col);
    cell.value = "";
    cell.formula = formula;
    cell.shown = shown;
  }
  /** Test helper: what Excel's Range.formulas gives (the formula, or the constant). */
  formulasAt(address: string): unknown[][] {
    const r = parseRect(address);
    return Array.from({ length: r.rows }, (_, i) =>
      Array.from({ length: r.cols }, (_, j) => {
        const cell = this.peek(r.row + i, r.col + j);
        return cell?.formula ?? cell?.value ?? "";
      }),
    );
  }
  formulaAt(address: string): string | undefined {
    const r = parseRect(address);
    return this.peek(r.row, r.col)?.formula;
  }
  getRange(address: string): FakeRange {
    this.ctx.op("getRange");
    return new FakeRange(this.ctx, this, parseRect(address));
  }
  activate(): void {
    this.ctx.op("sheet.activate");
    this.ctx.workbook.activeSheet = this;
  }
  delete(): void {
    this.ctx.op("sheet.delete");
    this.ctx.workbook.sheetList.splice(this.ctx.workbook.sheetList.indexOf(this), 1);
    // Workbook-scoped names that referred to its cells now refer to #REF!.
    for (const n of this.ctx.workbook.nameMap.values()) if (n.targetSheet === this) n.broken = true;
    if (this.ctx.workbook.activeSheet === this) this.ctx.workbook.activeSheet = this.ctx.workbook.sheetList[0] ?? null;
  }
  /** Test helper: cell values of an address as a 2-D array. */
  valuesAt(address: string): unknown[][] {
    const r = parseRect(address);
    return Array.from({ length: r.rows }, (_, i) =>
      Array.from({ length: r.cols }, (_, j) => shownValue(this.peek(r.row + i, r.col + j))),
    );
  }
  formatsAt(address: string): string[][] {
    const r = parseRect(address);
    return Array.from({ length: r.rows }, (_, i) =>
      Array.from({ length: r.cols }, (_, j) => this.peek(r.row + i, r.col + j)?.format ?? "General"),
    );
  }
}

class FakeWorksheetCollection extends Loadable {
  constructor(ctx: FakeContext) {
    super(ctx);
  }
  get items(): FakeWorksheet[] {
    return this.read("items", () => [...this.ctx.workbook.sheetList]) as FakeWorksheet[];
  }
  settle(): void {
    super.settle();
    if (this.loaded.has("items/name") || this.loaded.has("items")) {
      this.loaded.add("items");
      for (const s of this.ctx.workbook.sheetList) s.load("name").settle();
    }
  }
  add(name: string): FakeWorksheet {
    this.ctx.op("worksheets.add");
    const problem = sheetNameProblem(name);
    if (problem) throw new Error(`Fake Excel: InvalidArgument: ${problem}`);
    const wb = this.ctx.workbook;
    if (wb.sheetList.some((s) => s.nameNow.toLowerCase() === name.toLowerCase())) {
      throw new Error(`Fake Excel: a sheet named ${name} already exists`);
    }
    const sheet = new FakeWorksheet(this.ctx, name);
    wb.sheetList.push(sheet);
    return sheet;
  }
  getItem(key: string): FakeWorksheet {
    const s = this.ctx.workbook.sheetList.find((x) => x.sheetId === key || x.nameNow.toLowerCase() === key.toLowerCase());
    if (!s) throw new Error(`Fake Excel: no sheet ${key}`);
    return s;
  }
  getActiveWorksheet(): FakeWorksheet {
    const s = this.ctx.workbook.activeSheet;
    if (!s) throw new Error("Fake Excel: no active sheet");
    return s;
  }
}

export class FakeWorkbook {
  sheetList: FakeWorksheet[] = [];
  activeSheet: FakeWorksheet | null = null;
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  /** Workbook-scoped defined names. */
  readonly nameMap = new Map<string, FakeNamedItem>();
  readonly names: FakeNamedItemCollection;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.tables = new FakeTableCollection(ctx, () => this.allTables(), null);
    this.names = new FakeNamedItemCollection(ctx, this.nameMap);
  }
  allTables(): FakeTable[] {
    return this.sheetList.flatMap((s) => s.tableList);
  }
  /** Structured references to table `from` now say `to` (a rename), or #REF! (a deleted table). */
  rewriteFormulas(from: string, to: string): void {
    const escaped = from.replace(/[.\\]/g, (c) => `\\${c}`);
    const ref = new RegExp(`(^|[^A-Za-z0-9_.])${escaped}\\[[^\\]]*(\\[[^\\]]*\\][^\\]]*)*\\]`, "gi");
    for (const sheet of this.sheetList) {
      for (const cell of sheet.cells.values()) {
        if (cell.formula === undefined) continue;
        cell.formula = cell.formula.replace(ref, (whole, before: string) =>
          to === "#REF!" ? `${before}#REF!` : `${before}${to}${whole.slice(before.length + from.length)}`,
        );
      }
    }
  }
  /** Every defined name, workbook- and worksheet-scoped. */
  allDefinedNames(): FakeNamedItem[] {
    return [...this.nameMap.values(), ...this.sheetList.flatMap((s) => [...s.nameMap.values()])];
  }
  sheet(name: string): FakeWorksheet | undefined {
    return this.sheetList.find((s) => s.nameNow === name);
  }
}

export interface FailurePlan {
  /** Throw when this operation is called (its nth time, default the first). */
  op?: string;
  nth?: number;
  /** Reject this sync (1-based). */
  sync?: number;
}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  readonly application: { suspendApiCalculationUntilNextSync: () => void; suspended: number };
  syncCount = 0;
  readonly writes: WriteRecord[] = [];
  readonly ops: string[] = [];
  /** Which sync each calculation suspension preceded. */
  readonly suspendedBeforeSync: number[] = [];
  failure: FailurePlan | null = null;
  /** False plays an Excel older than ExcelApi 1.13, where Table.resize does not exist. */
  resizeSupported = true;
  /** Every operation with its occurrence number and the sync whose batch it belongs to. */
  readonly opLog: { op: string; nth: number; batch: number }[] = [];
  private tracked = new Set<Loadable>();
  private opCounts = new Map<string, number>();

  constructor(sheetNames: string[] = ["Sheet1"]) {
    this.workbook = new FakeWorkbook(this);
    for (const name of sheetNames) this.workbook.sheetList.push(new FakeWorksheet(this, name));
    this.workbook.activeSheet = this.workbook.sheetList[0] ?? null;
    const app = {
      suspended: 0,
      suspendApiCalculationUntilNextSync: () => {
        app.suspended++;
        this.suspendedBeforeSync.push(this.syncCount + 1);
        this.op("suspendCalculation");
      },
    };
    this.application = app;
  }
  track(obj: Loadable): void {
    this.tracked.add(obj);
  }
  op(name: string): void {
    this.ops.push(name);
    const n = (this.opCounts.get(name) ?? 0) + 1;
    this.opCounts.set(name, n);
    this.opLog.push({ op: name, nth: n, batch: this.syncCount + 1 });
    if (this.failure?.op === name && (this.failure.nth ?? 1) === n) {
      throw new Error(`Injected failure at ${name}`);
    }
  }
  async sync(): Promise<void> {
    this.syncCount++;
    if (this.failure?.sync === this.syncCount) throw new Error(`Injected failure at sync ${this.syncCount}`);
    for (const obj of this.tracked) obj.settle();
    this.tracked.clear();
  }
  /** Runs a batch the way Excel.run does. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return batch(this as unknown as Excel.RequestContext);
  }
}
