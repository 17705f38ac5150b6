/**
 * Serving the built add-in from dist/. Done here rather than with @fastify/static because that
 * plugin now pulls in an ESM-only dependency that Jest on Node 20 cannot load, and the tests
 * and browser tests start this very server. The rules are strict: the decoded path must not
 * contain "..", backslashes, NUL or hidden (dot) segments, and the resolved file must be a
 * regular file inside the folder.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import fs from "node:fs";
import path from "node:path";
import { badRequest } from "./httpErrors";

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

async function sendFile(reply: FastifyReply, file: string): Promise<unknown> {
  const stat = await fs.promises.stat(file).catch(() => null);
  // The app's not-found handler words the answer (API routes get their own message).
  if (!stat || !stat.isFile()) {
    reply.callNotFound();
    return reply;
  }
  const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  return reply
    .header("content-type", type)
    .header("content-length", stat.size)
    // The add-in is rebuilt often during development; always revalidate.
    .header("cache-control", "no-cache")
    .send(fs.createReadStream(file));
}

export function registerStaticFiles(app: FastifyInstance, distDir: string): void {
  const root = path.resolve(distDir);
  app.get("/", async (_request, reply) => {
    const page = ["taskpane.html", "index.html"].find((name) => fs.existsSync(path.join(root, name)));
    if (!page) return reply.code(404).send(badRequest("The add-in is not built yet (npm run build)"));
    return reply.redirect(`/${page}`);
  });
  app.get("/*", async (request, reply) => {
    const file = resolveStaticPath(root, request.url);
    if (!file) {
      reply.callNotFound();
      return reply;
    }
    return sendFile(reply, file);
  });
}
