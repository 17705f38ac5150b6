/**
 * Where the benchmarks find real daily price files (Yahoo's download layout, SYMBOL.csv):
 * the first command-line argument, else MARKET_DATA_DIR. Real data is never part of the
 * repository, so without either the real-data benchmarks say so and skip.
 */
import fs from "node:fs";
import path from "node:path";

export function marketDataDir(arg: string | undefined = process.argv[2]): string | undefined {
  const dir = arg ?? process.env.MARKET_DATA_DIR;
  if (!dir) return undefined;
  const resolved = path.resolve(dir);
  return fs.existsSync(resolved) ? resolved : undefined;
}

export const MARKET_DATA_HINT =
  "set MARKET_DATA_DIR (or pass a folder) holding SOXX.csv, QQQ.csv, RSP.csv in Yahoo's download layout";
