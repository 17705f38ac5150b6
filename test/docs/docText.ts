/** Reading the guides as a reader copies from them: code spans, fenced blocks and formulas. */
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.join(__dirname, "..", "..");
export const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), "utf8");

/** Text inside backticks and fenced blocks: what a reader copies. */
export function codeOf(markdown: string): string[] {
  const fences = [...markdown.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]);
  const prose = markdown.replace(/```[\s\S]*?```/g, "");
  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  return [...fences, ...spans];
}

/** Splits a formula's argument list at top-level commas (not inside quotes, braces or parentheses). */
export function argumentsOf(list: string): string[] {
  if (list.trim() === "") return [];
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of list) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "(" || ch === "{")) depth++;
    else if (!quoted && (ch === ")" || ch === "}")) depth--;
    if (ch === "," && depth === 0 && !quoted) {
      args.push(current);
      current = "";
    } else current += ch;
  }
  args.push(current);
  return args;
}

/** The text between a call's parentheses, from just after "NAME(". */
export function callBody(text: string, from: number): string | undefined {
  let depth = 1;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")" && --depth === 0) return text.slice(from, i);
  }
  return undefined;
}
