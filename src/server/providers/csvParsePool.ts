/**
 * Price files parsed on worker threads, so a cold recalculation over hundreds of symbols uses the
 * machine's other cores while the service's own thread answers requests. The pool starts its
 * workers when the first large file comes (none for a service that never reads one), at most
 * `size` of them, each with a couple of files in hand at a time; idle workers do not keep the
 * process alive, and close() ends them. Columns come back as one transferred buffer per file.
 *
 * Whatever happens to a worker, a file still gets read: small files (where handing over costs
 * more than it saves), files queued when no worker can start (no TypeScript loader, a start that
 * does not finish) and files a crashed worker had in hand are read on the service's thread, with
 * the same answer and the same errors. After a few crashes the pool stops starting workers.
 */
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { CsvFormatError } from "./csvFile";
import { type PriceFields, columnsOf } from "./csvColumns";
import { type PriceFileRead, readPriceFile } from "./priceFileRead";

export interface ParseRequest {
  id: number;
  file: string;
  fields: PriceFields;
}

export type ParseReply =
  | { id: number; ok: true; buffer: ArrayBuffer; count: number; fields: PriceFields; mtimeMs: number; size: number }
  | {
      id: number;
      ok: false;
      /** A file that is no price file, or a bad line in one. */
      format?: { reason: string; notPrices: boolean };
      /** Any other failure (the read's own, with its code). */
      error?: { code?: string; message: string };
    };

export interface CsvParsePoolOptions {
  /** Most workers (default: one fewer than the cores, at least 1, at most MAX_WORKERS; 0: none). */
  size?: number;
  /** Files smaller than this are read on the calling thread (default MIN_WORKER_BYTES). */
  minWorkerBytes?: number;
  /** A worker not ready after this long is given up on (default 10 s). */
  startTimeoutMs?: number;
  /** The worker's script (tests give a failing one); default csvParseWorker next to this file. */
  workerFile?: string;
  /**
   * Whether the calling thread reads a file itself, one at a time, while every worker has its
   * hands full or is still starting (default true): a cold burst then uses the workers and this
   * thread, which would otherwise wait.
   */
  threadHelps?: boolean;
}

export const MAX_WORKERS = 4;
/** About four years of daily lines: below this, handing the file over costs more than it saves. */
export const MIN_WORKER_BYTES = 64 * 1024;
/**
 * Files a worker holds at once: enough that it never waits for the service's thread (busy with
 * requests, or reading a file itself) to hand it the next.
 */
const PER_WORKER = 8;
/** Crashes after which no new worker is started. */
const MAX_CRASHES = 3;

export function defaultPoolSize(): number {
  return Math.min(MAX_WORKERS, Math.max(1, os.availableParallelism() - 1));
}

interface Job {
  request: ParseRequest;
  resolve(read: PriceFileRead): void;
  reject(err: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  jobs: Map<number, Job>;
  timer?: NodeJS.Timeout;
}

/** How a worker script written in TypeScript is loaded when the service runs from source. */
function workerSetup(file: string): { execArgv: string[] } {
  // The service runs through tsx (npm start, npm run serve) or ts-jest; a worker thread needs
  // tsx's require hook of its own to load a .ts file. Compiled .js needs nothing. A service
  // started with --cpu-prof (the benches' profiles) profiles its workers too.
  const profiling = process.execArgv.filter((arg) => arg.startsWith("--cpu-prof"));
  return { execArgv: [...profiling, ...(file.endsWith(".ts") ? ["--require", require.resolve("tsx/cjs")] : [])] };
}

export class CsvParsePool {
  readonly size: number;
  private readonly minWorkerBytes: number;
  private readonly startTimeoutMs: number;
  private readonly workerFile: string;
  private readonly threadHelps: boolean;
  /** A file being read on the calling thread on the workers' behalf. */
  private helping = false;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** No worker could start: every file is read on the calling thread from now on. */
  private broken = false;
  /** Workers that died with files in hand. */
  crashes = 0;
  /** Files a worker and the calling thread have read, or failed to read (tests and the bench). */
  readonly counts = { worker: 0, thread: 0 };

  constructor(options: CsvParsePoolOptions = {}) {
    this.size = Math.min(MAX_WORKERS, Math.max(0, options.size ?? defaultPoolSize()));
    this.minWorkerBytes = options.minWorkerBytes ?? MIN_WORKER_BYTES;
    this.startTimeoutMs = options.startTimeoutMs ?? 10_000;
    this.workerFile = options.workerFile ?? path.join(__dirname, `csvParseWorker${path.extname(__filename)}`);
    this.threadHelps = options.threadHelps ?? true;
  }

  /** Workers running now. */
  get workers(): number {
    return this.slots.length;
  }

  /**
   * Reads and parses `file` (whose size is about `bytes`); throws the read's error (with its code)
   * or a CsvFormatError, as readPriceFile does.
   */
  parse(file: string, fields: PriceFields, bytes: number): Promise<PriceFileRead> {
    if (this.closed || this.broken || this.size === 0 || bytes < this.minWorkerBytes) return this.inThread(file, fields);
    return new Promise<PriceFileRead>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, file, fields }, resolve, reject });
      this.pump();
    });
  }

  /** Ends the workers; files they had in hand, and any asked for later, are read on the calling thread. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const slot of slots) this.retire(slot);
    this.drainInThread();
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private inThread(file: string, fields: PriceFields): Promise<PriceFileRead> {
    this.counts.thread++;
    return readPriceFile(file, fields);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && s.jobs.size < PER_WORKER);
      if (slot) {
        this.send(slot, this.queue.shift()!);
        continue;
      }
      // Another worker when those starting cannot take what waits.
      const starting = this.slots.filter((s) => !s.ready).length;
      if (this.slots.length < this.size && starting * PER_WORKER < this.queue.length) this.start();
      if (!this.threadHelps || this.helping || this.queue.length === 0) return;
      this.helping = true;
      const job = this.queue.shift()!;
      this.inThread(job.request.file, job.request.fields)
        .then(job.resolve, job.reject)
        .finally(() => {
          this.helping = false;
          this.pump();
        });
    }
  }

  private send(slot: Slot, job: Job): void {
    slot.jobs.set(job.request.id, job);
    // Busy workers keep the process alive (a command-line read waits for them); idle ones do not.
    slot.worker.ref();
    slot.worker.postMessage(job.request);
  }

  private start(): void {
    let worker: Worker;
    try {
      worker = new Worker(this.workerFile, workerSetup(this.workerFile));
    } catch {
      this.giveUp();
      return;
    }
    const slot: Slot = { worker, ready: false, jobs: new Map() };
    this.slots.push(slot);
    slot.timer = setTimeout(() => this.failed(slot), this.startTimeoutMs);
    slot.timer.unref();
    worker.on("message", (message: ParseReply | "ready") => {
      if (message === "ready") {
        clearTimeout(slot.timer);
        slot.ready = true;
        this.pump();
        this.idle(slot);
        return;
      }
      this.settle(slot, message);
    });
    worker.on("error", () => this.failed(slot));
    worker.on("exit", () => this.failed(slot));
  }

  private settle(slot: Slot, reply: ParseReply): void {
    const job = slot.jobs.get(reply.id);
    if (!job) return;
    slot.jobs.delete(reply.id);
    this.counts.worker++;
    if (reply.ok) {
      job.resolve({ columns: columnsOf(reply.buffer, reply.count, reply.fields), mtimeMs: reply.mtimeMs, size: reply.size });
    } else if (reply.format) {
      job.reject(new CsvFormatError(path.basename(job.request.file), reply.format.reason, reply.format.notPrices));
    } else {
      const { code, message } = reply.error ?? { message: "the parse worker gave no reason" };
      job.reject(Object.assign(new Error(message), code === undefined ? {} : { code }));
    }
    this.pump();
    this.idle(slot);
  }

  /** A worker with nothing in hand does not keep the process alive (one starting or busy does). */
  private idle(slot: Slot): void {
    if (slot.jobs.size === 0) slot.worker.unref();
  }

  /** A worker that errs, exits or never gets ready: its files are read here, and another may start. */
  private failed(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    this.retire(slot);
    void slot.worker.terminate();
    if (!slot.ready) this.giveUp();
    else if (++this.crashes >= MAX_CRASHES) this.broken = true;
    this.pump();
    if (this.broken) this.drainInThread();
  }

  /** Stops listening to a worker and reads the files it had in hand on this thread. */
  private retire(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.worker.removeAllListeners("message");
    for (const job of slot.jobs.values()) this.runHere(job);
    slot.jobs.clear();
  }

  /** A worker could not start: no more attempts; what waits is read here. */
  private giveUp(): void {
    this.broken = true;
    this.drainInThread();
  }

  private drainInThread(): void {
    for (const job of this.queue.splice(0)) this.runHere(job);
  }

  private runHere(job: Job): void {
    this.inThread(job.request.file, job.request.fields).then(job.resolve, job.reject);
  }
}
