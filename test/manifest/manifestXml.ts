/**
 * Reads manifest.xml into a small element tree (name, attributes, children, text) so the tests
 * can walk it in document order, which the Office schema cares about.
 */
import * as fs from "fs";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const MANIFEST_PATH = path.join(REPO_ROOT, "manifest.xml");

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

function toElement(node: OrderedNode): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ":@");
  if (!name || name === "#text" || name.startsWith("?")) return null;
  const raw = node[name] as OrderedNode[];
  const children: XmlElement[] = [];
  let text = "";
  for (const child of raw) {
    if ("#text" in child) text += String(child["#text"]);
    else {
      const el = toElement(child);
      if (el) children.push(el);
    }
  }
  return { name, attrs: { ...(node[":@"] ?? {}) }, children, text };
}

/** Throws with the parser's reason when the text is not well-formed XML. */
export function parseXml(xml: string): XmlElement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new Error(`manifest.xml is not well-formed: ${msg} (line ${line}, column ${col})`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
  });
  const roots = (parser.parse(xml) as OrderedNode[]).map(toElement).filter((e): e is XmlElement => !!e);
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0];
}

export function readManifestText(): string {
  return fs.readFileSync(MANIFEST_PATH, "utf8");
}

/** Every element below (and including) root, depth first, with its ancestors' names. */
export function walk(root: XmlElement): { el: XmlElement; ancestors: XmlElement[] }[] {
  const out: { el: XmlElement; ancestors: XmlElement[] }[] = [];
  const visit = (el: XmlElement, ancestors: XmlElement[]) => {
    out.push({ el, ancestors });
    for (const c of el.children) visit(c, [...ancestors, el]);
  };
  visit(root, []);
  return out;
}

export function child(el: XmlElement, name: string): XmlElement {
  const found = el.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${el.name}> has no <${name}>`);
  return found;
}

export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Follows a path of child names, e.g. at(root, "VersionOverrides", "Hosts", "Host"). */
export function at(el: XmlElement, ...names: string[]): XmlElement {
  return names.reduce((cur, n) => child(cur, n), el);
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
export function pngSize(file: string): { width: number; height: number; colourType: number } {
  const buf = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG`);
  if (buf.toString("ascii", 12, 16) !== "IHDR") throw new Error(`${file} does not start with IHDR`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), colourType: buf[25] };
}
