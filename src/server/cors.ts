/**
 * CORS for the add-in's own origin only. The add-in is served by this same process, so its
 * origin is the one the request was addressed to; extra origins (a reverse proxy's public
 * name) can be configured. Other origins get no CORS headers, and /api calls from them are
 * refused outright so a foreign page cannot even make the service fetch on its behalf.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { API_PREFIX } from "../api/contract";
import { badRequest } from "./httpErrors";

export type OriginList = string[] | (() => string[]);

function normalise(origin: string): string {
  return origin.trim().replace(/\/+$/, "").toLowerCase();
}

export function isAllowedOrigin(origin: string, request: FastifyRequest, extra: OriginList, secure: boolean): boolean {
  const wanted = normalise(origin);
  const host = request.headers.host;
  if (host && wanted === normalise(`${secure ? "https" : "http"}://${host}`)) return true;
  const list = typeof extra === "function" ? extra() : extra;
  return list.some((allowed) => normalise(allowed) === wanted);
}

export function registerCors(app: FastifyInstance, extra: OriginList, secure: boolean): void {
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (typeof origin !== "string") return;
    reply.header("vary", "Origin");
    if (isAllowedOrigin(origin, request, extra, secure)) {
      reply.header("access-control-allow-origin", origin);
      return;
    }
    if (request.url.startsWith(`${API_PREFIX}/`) || request.url === API_PREFIX) {
      return reply.code(403).send(badRequest(`Origin ${origin.slice(0, 100)} is not allowed to use this service`));
    }
  });
  // Preflight: only reached for allowed origins (others were refused above).
  app.options(`${API_PREFIX}/*`, async (_request, reply) => {
    reply
      .header("access-control-allow-methods", "GET, OPTIONS")
      .header("access-control-allow-headers", "content-type")
      .header("access-control-max-age", "600")
      .code(204)
      .send();
  });
}
