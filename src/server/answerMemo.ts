/**
 * History and closes answers kept as the bytes sent, compressed: a recalculation asks the same
 * questions again and again (every cell of a column, the same workbook opened twice), and turning
 * 30 years of daily rows into JSON and compressing them costs far more than reading them. An
 * answer is reused only when every series it was made from has the same version as then
 * (answerVersion.ts) and its errors are the same, so a changed file or a newer fetch is never
 * hidden. Bounded by bytes, least recently used first out.
 *
 * Answers are compressed here in one call rather than by the compression plugin's streams, whose
 * per-chunk work on a megabyte answer cost more than the compression: large answers on Node's
 * thread pool, small ones (up to SYNC_COMPRESSION_BYTES, such as a closes answer for 50 symbols)
 * at once on this thread, which takes half the CPU time of a trip to the pool and holds the thread
 * about a millisecond at most.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { versionOf } from "./answerVersion";
import { ByteLru } from "./byteLru";
import { BROTLI_QUALITY, COMPRESSION_THRESHOLD_BYTES, GZIP_LEVEL } from "./compression";

export type AnswerEncoding = "br" | "gzip";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Default budget for kept answers (compressed, so a 30-year daily answer is a few hundred KB). */
export const ANSWER_MEMO_BYTES = 64 * 1024 * 1024;
/** Answers up to this size are compressed on the calling thread (about 0.8 ms for 84 KB at brotli 3). */
export const SYNC_COMPRESSION_BYTES = 128 * 1024;
/** Bookkeeping per kept answer beyond its bytes. */
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * The encoding to answer in: brotli when accepted, else gzip, else none (as the compression
 * plugin chooses for everything else). `q=0` refuses an encoding; `*` accepts any.
 */
export function chooseEncoding(accept: string | undefined): AnswerEncoding | undefined {
  if (!accept) return undefined;
  const accepted = new Map<string, boolean>();
  for (const part of accept.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name.trim(), !(q && Number(q.slice(2)) === 0));
  }
  const allows = (name: string) => accepted.get(name) ?? accepted.get("*") ?? false;
  if (allows("br")) return "br";
  if (allows("gzip") || accepted.get("x-gzip")) return "gzip";
  return undefined;
}

export async function encodeAnswer(text: string, encoding: AnswerEncoding): Promise<Buffer> {
  const input = Buffer.from(text, "utf8");
  const brotliOptions = {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length },
  };
  if (input.length <= SYNC_COMPRESSION_BYTES)
    return encoding === "br" ? zlib.brotliCompressSync(input, brotliOptions) : zlib.gzipSync(input, { level: GZIP_LEVEL });
  return encoding === "br" ? brotli(input, brotliOptions) : gzip(input, { level: GZIP_LEVEL });
}

interface Kept {
  made: string;
  body: Buffer;
  encoding?: AnswerEncoding;
}

/** What an answer was made from: the versions of its series and its errors, in any order. */
export interface AnswerSources {
  series: object[];
  errors: unknown[];
}

export class AnswerMemo {
  private readonly kept: ByteLru<string, Kept>;
  /** Answers sent from memory and answers made (for tests and the bench). */
  hits = 0;
  made = 0;

  constructor(maxBytes = ANSWER_MEMO_BYTES) {
    this.kept = new ByteLru(maxBytes);
  }

  get bytes(): number {
    return this.kept.bytes;
  }

  /**
   * Sends the answer to `request` made from `sources`: the kept bytes when the same request was
   * answered from the same versions before, else the JSON text `build()` writes, compressed as accepted.
   */
  async send(request: FastifyRequest, reply: FastifyReply, sources: AnswerSources, build: () => string): Promise<FastifyReply> {
    const wanted =
      request.headers["x-no-compression"] === undefined ? chooseEncoding(request.headers["accept-encoding"]) : undefined;
    const key = `${wanted ?? "identity"} ${request.url}`;
    // Sorted: reads that run side by side (the stats route's spans) finish in any order, and the
    // answer depends on what was read, not on which read came back first.
    const versions = sources.series.map(versionOf).sort();
    const errors = sources.errors.map((e) => JSON.stringify(e)).sort();
    const made = `${versions.join(",")}|${errors.join(",")}`;
    let answer = this.kept.get(key);
    if (answer && answer.made === made) {
      this.hits++;
    } else {
      this.made++;
      const text = build();
      const encoding = wanted && text.length >= COMPRESSION_THRESHOLD_BYTES ? wanted : undefined;
      answer = { made, encoding, body: encoding ? await encodeAnswer(text, encoding) : Buffer.from(text, "utf8") };
      this.kept.set(key, answer, answer.body.length + key.length + made.length + ENTRY_OVERHEAD_BYTES);
    }
    reply.header("content-type", "application/json; charset=utf-8");
    if (wanted) reply.header("vary", "accept-encoding");
    if (answer.encoding) reply.header("content-encoding", answer.encoding);
    return reply.send(answer.body);
  }
}
