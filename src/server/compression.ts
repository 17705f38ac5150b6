/**
 * Compressed answers (brotli or gzip, whichever the caller accepts, brotli first) for the API and
 * for the add-in's own files. A 30-year daily series shrinks about 4×, the task pane's script
 * about 3×. The levels are chosen for speed: brotli's default (11) takes seconds on a
 * multi-megabyte answer; quality 3 (and gzip level 3) keep most of the gain (6.5 MB of rows
 * become 0.9 MB) at about 40 ms per megabyte.
 * Compression runs in Node's thread pool, so it does not hold up other requests.
 */
import compress from "@fastify/compress";
import type { FastifyInstance } from "fastify";
import zlib from "node:zlib";

/** Answers smaller than this go as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;
export const BROTLI_QUALITY = 3;
export const GZIP_LEVEL = 3;

export function registerCompression(app: FastifyInstance): void {
  void app.register(compress, {
    global: true,
    threshold: COMPRESSION_THRESHOLD_BYTES,
    encodings: ["br", "gzip"],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
    zlibOptions: { level: GZIP_LEVEL },
  });
}
