/**
 * The HTTP face of the service: /api/v1 (history, closes, stats, quote, fund, health) and the built add-in
 * from dist/. Query strings are checked by JSON schema (shape) and then by the shared
 * validation (meaning), so anything malformed gets a 400 with a reason.
 */
import Fastify, { FastifyError, FastifyInstance, FastifyReply, FastifyServerOptions, LogController } from "fastify";
import { registerCompression } from "./compression";
import path from "node:path";
import { API_PREFIX, CLOSES_LIMITS, HISTORY_FIELDS, HISTORY_FORMATS, INTERVALS, LIMITS, STATS_LIMITS } from "../api/contract";
import {
  addDays,
  parseCloseDates,
  parseClosePairs,
  parseHistoryQuery,
  parseStatItems,
  parseSymbol,
  parseSymbolList,
  utcMsToIsoDate,
} from "../api/validation";
import { AnswerMemo, AnswerSources } from "./answerMemo";
import { CLOSE_FIELDS, HistoryReader, closePairsAnswer, closesAnswer } from "./closesAnswer";
import { columnarJson } from "./columnarAnswer";
import { statsAnswer } from "./statsAnswer";
import { OriginPolicy, registerCors } from "./cors";
import { answerClientError, badRequest, errorReply, notFound } from "./httpErrors";
import { MarketService } from "./marketService";
import { ServiceError } from "./serviceErrors";
import { withInstanceName } from "./instanceLogger";
import { closedConnectionSignal, withRequestSignal } from "./requestSignal";
import { registerStaticFiles } from "./staticFiles";

export interface BuildAppOptions {
  service: MarketService;
  /** Folder of the built add-in; when absent or not built yet, its pages say how to build it. */
  distDir?: string;
  /** The address the server will listen on (--host); default 127.0.0.1. */
  listenHost?: string;
  /** Origins allowed besides the server's own (e.g. a reverse proxy's public origin). */
  allowedOrigins?: string[];
  /** TLS key and certificate: serve https. */
  https?: { key: Buffer | string; cert: Buffer | string; ca?: Buffer | string };
  logger?: FastifyServerOptions["logger"];
  /** Added to every log line, so the lines of several replicas can be told apart. */
  instanceName?: string;
  /** Clock for the default end date. */
  now?: () => number;
  /** Where history and closes answers are kept as sent (default: one of 64 MB). */
  answerMemo?: AnswerMemo;
}

const SYMBOL_LIST_MAX = LIMITS.maxSymbolsPerRequest * (LIMITS.maxSymbolLength + 1) + 200;
const dateSchema = { type: "string", maxLength: 32 };
const historyQuery = {
  type: "object",
  additionalProperties: false,
  required: ["symbols", "start"],
  properties: {
    symbols: { type: "string", maxLength: SYMBOL_LIST_MAX },
    start: dateSchema,
    end: dateSchema,
    interval: { type: "string", enum: [...INTERVALS] },
    format: { type: "string", enum: [...HISTORY_FORMATS] },
    fields: { type: "string", maxLength: HISTORY_FIELDS.join(",").length + 40 },
  },
};
/** The longest pair: a 20-character symbol, a colon, a date and a comma. */
const CLOSE_PAIR_MAX = LIMITS.maxSymbolLength + 1 + 10 + 1;
/** Either symbols+dates (every symbol at every date) or items (SYMBOL:DATE pairs). */
const closesQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    symbols: { type: "string", maxLength: SYMBOL_LIST_MAX },
    dates: { type: "string", maxLength: CLOSES_LIMITS.maxDatesPerRequest * 12 + 40 },
    items: { type: "string", maxLength: CLOSES_LIMITS.maxItemsPerRequest * CLOSE_PAIR_MAX + 40 },
  },
};
/** The longest item: a 20-character symbol, "maxdrawdown", two dates, "total", four colons and a comma. */
const STATS_ITEM_MAX = LIMITS.maxSymbolLength + 11 + 10 + 10 + 5 + 5;
const statsQuery = {
  type: "object",
  additionalProperties: false,
  required: ["items"],
  properties: { items: { type: "string", maxLength: STATS_LIMITS.maxItemsPerRequest * STATS_ITEM_MAX + 40 } },
};
const quoteQuery = {
  type: "object",
  additionalProperties: false,
  required: ["symbols"],
  properties: { symbols: { type: "string", maxLength: SYMBOL_LIST_MAX } },
};
const fundQuery = {
  type: "object",
  additionalProperties: false,
  required: ["symbol"],
  properties: { symbol: { type: "string", maxLength: 64 } },
};
const emptyQuery = { type: "object", additionalProperties: false, properties: {} };

type Query = Record<string, string | undefined>;

/** Runs a route's work for as long as its caller is there: upstream calls nobody else waits for stop when it hangs up. */
const forRequest = <T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> =>
  withRequestSignal(closedConnectionSignal(reply), work);

/**
 * Daily closes read for one answer (a CSV folder reads only the close columns of its files), with
 * what they were read from noted for the answer memo.
 */
function recordedReads(service: MarketService): { sources: AnswerSources; read: HistoryReader } {
  const sources: AnswerSources = { series: [], errors: [] };
  const read: HistoryReader = async (...args) => {
    const part = await service.historyColumns(...args, CLOSE_FIELDS);
    sources.series.push(...Object.values(part.series));
    sources.errors.push(part.errors);
    return part;
  };
  return { sources, read };
}

export function buildApp(options: BuildAppOptions): FastifyInstance {
  const { service } = options;
  const now = options.now ?? Date.now;
  const answers = options.answerMemo ?? new AnswerMemo();
  const app = Fastify({
    logger: withInstanceName(options.logger ?? false, options.instanceName),
    // One line per request (below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    ...(options.https ? { https: options.https } : {}),
    // Unknown parameters are an error, not silently dropped; values stay the text that was sent.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
    frameworkErrors: (err, _request, reply) => {
      const raw = reply as unknown as { code(status: number): { send(body: unknown): unknown } };
      void raw.code(400).send(badRequest(err.message || "Malformed request"));
    },
    clientErrorHandler: answerClientError,
  }) as unknown as FastifyInstance;

  registerCompression(app);
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url.slice(0, 300),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      "request",
    );
  });
  app.addHook("onSend", async (_request, reply) => {
    reply.header("x-content-type-options", "nosniff");
  });
  app.setErrorHandler((err, request, reply) => {
    const { status, body } = errorReply(err as FastifyError);
    if (status >= 500) request.log.error(err);
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const apiCall = request.url.startsWith(`${API_PREFIX}/`);
    return reply
      .code(404)
      .send(notFound(apiCall ? `No such API route: ${request.url.split("?")[0].slice(0, 100)}` : "Not found"));
  });
  const boundPort = () => {
    const address = app.server.address();
    return typeof address === "object" && address ? address.port : undefined;
  };
  const listenHost = options.listenHost ?? "127.0.0.1";
  registerCors(
    app,
    new OriginPolicy({ secure: !!options.https, listenHost, extraOrigins: options.allowedOrigins ?? [], boundPort }),
  );

  // Routes live in a plugin registered after compression, so its hooks reach every one of them.
  void app.register(async (routes) => {
    routes.get(`${API_PREFIX}/history`, { schema: { querystring: historyQuery } }, async (request, reply) => {
      const q = request.query as Query;
      // No end means "up to the latest": tomorrow in UTC is already today everywhere east of it.
      const parsed = parseHistoryQuery(q, addDays(utcMsToIsoDate(now()), 1));
      if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
      const { symbols, start, end, interval, format, fields } = parsed.value;
      if (format === "columns") {
        const columns = await forRequest(reply, () => service.historyColumns(symbols, start, end, interval, fields));
        return answers.send(request, reply, { series: Object.values(columns.series), errors: [columns.errors] }, () =>
          columnarJson(columns, fields),
        );
      }
      const answer = await forRequest(reply, () => service.history(symbols, start, end, interval));
      return answers.send(request, reply, { series: Object.values(answer.series), errors: [answer.errors] }, () =>
        JSON.stringify(answer),
      );
    });

    routes.get(`${API_PREFIX}/closes`, { schema: { querystring: closesQuery } }, async (request, reply) => {
      const q = request.query as Query;
      const latest = addDays(utcMsToIsoDate(now()), 1);
      const isFuture = (d: string) => d !== CLOSES_LIMITS.latest && d > latest;
      // The answer follows from the series read (and the dates or pairs, which are in the URL).
      const { sources, read } = recordedReads(service);
      if (q.items !== undefined) {
        if (q.symbols !== undefined || q.dates !== undefined)
          return reply.code(400).send(badRequest("Give either items or symbols and dates, not both"));
        const pairs = parseClosePairs(q.items);
        if (!pairs.ok) return reply.code(400).send({ error: pairs.error });
        const future = pairs.value.findIndex((p) => isFuture(p.date));
        if (future >= 0)
          return reply.code(400).send(badRequest(`Item ${future + 1}: date ${pairs.value[future].date} is in the future`));
        const answer = await forRequest(reply, () => closePairsAnswer(read, pairs.value, latest));
        return answers.send(request, reply, sources, () => JSON.stringify(answer));
      }
      // Without items, the older form: both symbols and dates.
      const absent = q.symbols === undefined ? "symbols" : q.dates === undefined ? "dates" : undefined;
      if (absent) return reply.code(400).send(badRequest(`Missing query parameter "${absent}" (or give items=SYMBOL:DATE,...)`));
      const symbols = parseSymbolList(q.symbols);
      if (!symbols.ok) return reply.code(400).send({ error: symbols.error });
      const dates = parseCloseDates(q.dates);
      if (!dates.ok) return reply.code(400).send({ error: dates.error });
      const future = dates.value.find(isFuture);
      if (future) return reply.code(400).send(badRequest(`date ${future} is in the future`));
      const answer = await forRequest(reply, () => closesAnswer(read, symbols.value, dates.value, latest));
      return answers.send(request, reply, sources, () => JSON.stringify(answer));
    });

    routes.get(`${API_PREFIX}/stats`, { schema: { querystring: statsQuery } }, async (request, reply) => {
      const items = parseStatItems((request.query as Query).items);
      if (!items.ok) return reply.code(400).send({ error: items.error });
      // The answer follows from the series read (and the windows, which are in the URL) and today.
      const { sources, read } = recordedReads(service);
      const today = utcMsToIsoDate(now());
      sources.errors.push(today);
      const answer = await forRequest(reply, () => statsAnswer(read, items.value, today));
      return answers.send(request, reply, sources, () => JSON.stringify(answer));
    });

    routes.get(`${API_PREFIX}/quote`, { schema: { querystring: quoteQuery } }, async (request, reply) => {
      const symbols = parseSymbolList((request.query as Query).symbols);
      if (!symbols.ok) return reply.code(400).send({ error: symbols.error });
      return forRequest(reply, () => service.quote(symbols.value));
    });

    routes.get(`${API_PREFIX}/fund`, { schema: { querystring: fundQuery } }, async (request, reply) => {
      const symbol = parseSymbol((request.query as Query).symbol);
      if (!symbol.ok) return reply.code(400).send({ error: symbol.error });
      try {
        return await forRequest(reply, () => service.fund(symbol.value));
      } catch (err) {
        if (err instanceof ServiceError) return reply.code(err.status).send({ error: err.error });
        throw err;
      }
    });

    routes.get(`${API_PREFIX}/health`, { schema: { querystring: emptyQuery } }, async () => service.health());

    // Registered even before a build, so "/" explains what is missing instead of a bare 404.
    registerStaticFiles(routes, options.distDir ? path.resolve(options.distDir) : undefined);
  });
  return app;
}
