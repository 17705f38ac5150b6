/**
 * Reading one price file from disk into columns: the same steps whether they run on a parse
 * worker or, when no worker is at hand, on the service's own thread. The file's size and time
 * are taken from the open file, so they describe exactly the bytes that were parsed.
 */
import fs from "node:fs";
import path from "node:path";
import type { PriceColumns, PriceFields } from "./csvColumns";
import { parsePriceBytes } from "./priceParser";

export interface PriceFileRead {
  columns: PriceColumns;
  /** The open file's modification time (ms) and size, as fs.fstat gives them. */
  mtimeMs: number;
  size: number;
}

/** Reads and parses `file`; throws the read's own error (with its code) or a CsvFormatError. */
export function readPriceFileSync(file: string, fields: PriceFields): PriceFileRead {
  const fd = fs.openSync(file, "r");
  let bytes: Buffer;
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
    bytes = fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { columns: parsePriceBytes(bytes, path.basename(file), fields), mtimeMs: stat.mtimeMs, size: stat.size };
}

/**
 * As readPriceFileSync, with the read itself off the thread. Plain callbacks rather than a file
 * handle's promises: the service tracks each promise for its requests' signals, and a handle's
 * read makes several.
 */
export function readPriceFile(file: string, fields: PriceFields): Promise<PriceFileRead> {
  return new Promise((resolve, reject) => {
    fs.open(file, "r", (openError, fd) => {
      if (openError) return reject(openError);
      const done = (err: Error | null, read?: PriceFileRead) => fs.close(fd, () => (err ? reject(err) : resolve(read!)));
      fs.fstat(fd, (statError, stat) => {
        if (statError) return done(statError);
        fs.readFile(fd, (readError, bytes) => {
          if (readError) return done(readError);
          try {
            done(null, { columns: parsePriceBytes(bytes, path.basename(file), fields), mtimeMs: stat.mtimeMs, size: stat.size });
          } catch (err) {
            done(err as Error);
          }
        });
      });
    });
  });
}
