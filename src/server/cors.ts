/**
 * Who may talk to the service. The allowed origins are the server's own (localhost, 127.0.0.1,
 * [::1] and the address it was told to listen on, at the port it actually bound) plus configured
 * extra origins (a reverse proxy's public name); never whatever the request claims, since a
 * DNS-rebinding page controls both its Host and Origin headers. Requests addressed to any other
 * Host are refused on every route, and /api calls from foreign origins are refused too, so a
 * foreign page can neither read the add-in nor make the service fetch on its behalf.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import os from "node:os";
import { API_PREFIX } from "../api/contract";
import { forbidden } from "./httpErrors";

export interface OriginPolicyOptions {
  secure: boolean;
  /** The address the server listens on (--host). */
  listenHost: string;
  /** Origins allowed besides the server's own. */
  extraOrigins: string[];
  /** The port actually bound: with port 0 it is known only once listening. */
  boundPort: () => number | undefined;
}

const WILDCARD_HOSTS = new Set(["", "0.0.0.0", "::", "[::]"]);

function originOf(text: string): string | undefined {
  try {
    const origin = new URL(text.trim()).origin;
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** A Host header as URL's `host` spells it (lower case, default port dropped), or undefined. */
function hostOf(header: string, secure: boolean): string | undefined {
  if (/[\s/\\?#@]/.test(header)) return undefined;
  try {
    return new URL(`${secure ? "https" : "http"}://${header}`).host;
  } catch {
    return undefined;
  }
}

/** Names this machine answers to when listening on every interface. */
function machineNames(): string[] {
  const addresses = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
  return [os.hostname(), ...addresses];
}

export class OriginPolicy {
  private cached?: { port: number; origins: Set<string>; hosts: Set<string> };

  constructor(private readonly options: OriginPolicyOptions) {}

  private lists(): { origins: Set<string>; hosts: Set<string> } {
    const port = this.options.boundPort();
    if (port === undefined) return { origins: new Set(), hosts: new Set() }; // not listening: nothing is ours yet
    if (this.cached?.port === port) return this.cached;
    const { secure, listenHost, extraOrigins } = this.options;
    const names = ["localhost", "127.0.0.1", "::1", listenHost, ...(WILDCARD_HOSTS.has(listenHost) ? machineNames() : [])];
    const own = names
      .filter((n) => !WILDCARD_HOSTS.has(n))
      .map((n) => `${secure ? "https" : "http"}://${n.includes(":") ? `[${n}]` : n}:${port}`);
    const origins = new Set([...own, ...extraOrigins].map(originOf).filter((o): o is string => o !== undefined));
    const hosts = new Set([...origins].map((o) => new URL(o).host));
    this.cached = { port, origins, hosts };
    return this.cached;
  }

  isAllowedOrigin(origin: string): boolean {
    const normalised = originOf(origin);
    return normalised !== undefined && this.lists().origins.has(normalised);
  }

  isAllowedHost(header: string | undefined): boolean {
    const host = header === undefined ? undefined : hostOf(header, this.options.secure);
    return host !== undefined && this.lists().hosts.has(host);
  }
}

/**
 * Whether a request is for the API, judged on the path the router sees: `/%61pi/v1/quote` is
 * routed to /api/v1/quote, so it must be refused like it.
 */
export function isApiRequest(request: FastifyRequest): boolean {
  const raw = request.url.split("?")[0];
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A malformed escape is not routed anywhere; the raw text is judged as it is.
  }
  const routed = request.routeOptions?.url ?? "";
  return [decoded, routed].some((p) => p === API_PREFIX || p.startsWith(`${API_PREFIX}/`));
}

export function registerCors(app: FastifyInstance, policy: OriginPolicy): void {
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const host = request.headers.host;
    if (!policy.isAllowedHost(host)) {
      return reply
        .code(403)
        .send(forbidden(`Host ${String(host ?? "(none)").slice(0, 100)} is not one of this service's own addresses`));
    }
    const origin = request.headers.origin;
    if (typeof origin !== "string") return;
    reply.header("vary", "Origin");
    if (policy.isAllowedOrigin(origin)) {
      reply.header("access-control-allow-origin", origin);
      return;
    }
    if (isApiRequest(request)) {
      return reply.code(403).send(forbidden(`Origin ${origin.slice(0, 100)} is not allowed to use this service`));
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
