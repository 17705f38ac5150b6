/** The replica's name on every log line (pino's `base` fields), when logging is on at all. */
import type { FastifyServerOptions } from "fastify";

type LoggerOption = FastifyServerOptions["logger"];

export function withInstanceName(logger: LoggerOption, instanceName: string | undefined): LoggerOption {
  if (!instanceName || !logger) return logger;
  const options = logger === true ? {} : (logger as Record<string, unknown>);
  const base = (options.base as Record<string, unknown> | null | undefined) ?? { pid: process.pid };
  return { ...options, base: { ...base, instance: instanceName } } as LoggerOption;
}
