/**
 * A parse worker's thread: reads and parses the price files it is sent (priceFileRead.ts) and
 * hands the columns back as one transferred buffer, so nothing is copied on the way. Errors go
 * back as data (the read's code, or the format error's reason) for the pool to raise as the
 * service's thread would have.
 */
import { parentPort } from "node:worker_threads";
import { CsvFormatError } from "./csvFile";
import type { ParseReply, ParseRequest } from "./csvParsePool";
import { readPriceFileSync } from "./priceFileRead";

function answer(job: ParseRequest): ParseReply {
  try {
    const { columns, mtimeMs, size } = readPriceFileSync(job.file, job.fields);
    const buffer = columns.days.buffer as ArrayBuffer;
    return { id: job.id, ok: true, buffer, count: columns.days.length, fields: columns.fields, mtimeMs, size };
  } catch (err) {
    if (err instanceof CsvFormatError) return { id: job.id, ok: false, format: { reason: err.reason, notPrices: err.notPrices } };
    const { code, message } = err as NodeJS.ErrnoException;
    return { id: job.id, ok: false, error: { code, message: String(message ?? err) } };
  }
}

const port = parentPort;
if (port) {
  port.on("message", (job: ParseRequest) => {
    const reply = answer(job);
    port.postMessage(reply, reply.ok ? [reply.buffer] : []);
  });
  port.postMessage("ready");
}
