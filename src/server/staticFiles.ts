/**
 * Serving the built add-in from dist/. Done here rather than with @fastify/static because that
 * plugin now pulls in an ESM-only dependency that Jest on Node 20 cannot load, and the tests
 * and browser tests start this very server. The rules are strict: the decoded path must not
 * contain "..", backslashes, NUL or hidden (dot) segments, and the file, with every symbolic
 * link followed, must be a regular file inside the folder (a link in dist/ must not lead out).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fs from "node:fs";
import path from "node:path";
import { API_PREFIX } from "../api/contract";
import { notFound } from "./httpErrors";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

/** Files up to this size are read whole rather than streamed. */
const WHOLE_FILE_BYTES = 4 * 1024 * 1024;

/** The file under `root` that a URL path names, or null when the path is not acceptable. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return null;
  }
  if (/[\\\0]/.test(decoded)) return null;
  const segments = decoded.split("/").filter((s) => s !== "");
  if (segments.length === 0 || segments.some((s) => s === ".." || s.startsWith("."))) return null;
  const file = path.resolve(root, ...segments);
  return file.startsWith(root + path.sep) ? file : null;
}

export const NOT_BUILT = "The add-in is not built yet: run npm run build";

/** The page "/" leads to, or undefined when the add-in has not been built. */
export function addinPage(distDir: string | undefined): string | undefined {
  return distDir ? ["taskpane.html", "index.html"].find((name) => fs.existsSync(path.join(distDir, name))) : undefined;
}

/** `file` with every link followed, when that is still inside `root` (links followed too). */
async function realInside(root: string, file: string): Promise<string | null> {
  const [realRoot, realFile] = await Promise.all([
    fs.promises.realpath(root).catch(() => null),
    fs.promises.realpath(file).catch(() => null),
  ]);
  return realRoot && realFile && realFile.startsWith(realRoot + path.sep) ? realFile : null;
}

/**
 * A validator for the file as it is now: a rebuild changes its size or modification time, so a
 * browser holding the old copy fetches the new one, and otherwise gets a 304 with no body.
 */
export function fileEtag(stat: fs.Stats): string {
  return `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}`;
  });
}

async function sendFile(request: FastifyRequest, reply: FastifyReply, file: string): Promise<unknown> {
  const stat = await fs.promises.stat(file).catch(() => null);
  // The app's not-found handler words the answer (API routes get their own message).
  if (!stat || !stat.isFile()) {
    reply.callNotFound();
    return reply;
  }
  const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  const etag = fileEtag(stat);
  // File names carry no content hash, so a browser may keep a copy but must ask whether it is
  // still current; the ETag makes that question cost a 304 instead of the file.
  reply
    .header("cache-control", "no-cache")
    .header("etag", etag)
    .header("last-modified", stat.mtime.toUTCString())
    .header("vary", "accept-encoding");
  if (matchesEtag(request.headers["if-none-match"], etag)) return reply.code(304).send();
  reply.header("content-type", type);
  // The add-in's files are small: read whole, the compression step knows their size and leaves
  // the tiny ones as they are. Anything large is streamed.
  if (stat.size <= WHOLE_FILE_BYTES) return reply.send(await fs.promises.readFile(file));
  return reply.send(fs.createReadStream(file));
}

/** `distDir` undefined or not there yet: every page says how to build it. */
export function registerStaticFiles(app: FastifyInstance, distDir: string | undefined): void {
  const root = distDir ? path.resolve(distDir) : undefined;
  app.get("/", async (_request, reply) => {
    const page = addinPage(root);
    if (!page) return reply.code(404).send(notFound(NOT_BUILT));
    return reply.redirect(`/${page}`);
  });
  app.get("/*", async (request, reply) => {
    const apiCall = request.url.startsWith(`${API_PREFIX}/`);
    if (!apiCall && (!root || !fs.existsSync(root))) return reply.code(404).send(notFound(NOT_BUILT));
    const file = root && !apiCall ? resolveStaticPath(root, request.url) : null;
    const real = file ? await realInside(root as string, file) : null;
    if (!real) {
      reply.callNotFound();
      return reply;
    }
    return sendFile(request, reply, real);
  });
}
