/**
 * Turning Fastify's own failures (schema checks, bad URLs, unknown routes, requests too broken
 * to parse) into the contract's error bodies, so a caller never sees a stack trace or a 500 for
 * something it sent.
 */
import type { FastifyError } from "fastify";
import type { Socket } from "node:net";
import type { BadRequestBody, ErrorCode } from "../api/contract";

export function errorBody(code: ErrorCode, message: string): BadRequestBody {
  return { error: { code, message } };
}

export const badRequest = (message: string): BadRequestBody => errorBody("bad_request", message);
export const notFound = (message: string): BadRequestBody => errorBody("not_found", message);
export const forbidden = (message: string): BadRequestBody => errorBody("forbidden", message);

/** The contract's code for a 4xx status Fastify chose. */
function codeForStatus(status: number): ErrorCode {
  if (status === 404) return "not_found";
  if (status === 403) return "forbidden";
  return "bad_request";
}

interface SchemaIssue {
  keyword: string;
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** A readable sentence for the first schema failure of a query string. */
export function describeSchemaFailure(issues: SchemaIssue[]): string {
  const issue = issues[0];
  if (!issue) return "Malformed request";
  const name = (issue.instancePath ?? "").replace(/^\//, "") || String(issue.params?.missingProperty ?? "");
  switch (issue.keyword) {
    case "additionalProperties":
      return `Unknown query parameter "${String(issue.params?.additionalProperty)}"`;
    case "required":
      return `Missing query parameter "${String(issue.params?.missingProperty)}"`;
    case "type":
      return `Query parameter "${name}" must be given once, as text`;
    case "maxLength":
      return `Query parameter "${name}" is too long`;
    case "enum":
      return `Query parameter "${name}" must be one of ${((issue.params?.allowedValues as string[]) ?? []).join(", ")}`;
    default:
      return `Query parameter "${name}" ${issue.message ?? "is malformed"}`;
  }
}

/** Status and body for any error that reached Fastify's error handler. */
export function errorReply(err: FastifyError): {
  status: number;
  body: BadRequestBody | { error: { code: string; message: string } };
} {
  if (err.validation) return { status: 400, body: badRequest(describeSchemaFailure(err.validation as SchemaIssue[])) };
  const status = typeof err.statusCode === "number" ? err.statusCode : 500;
  if (status >= 400 && status < 500)
    return { status, body: errorBody(codeForStatus(status), err.message || "Malformed request") };
  return { status: 500, body: { error: { code: "internal_error", message: "The service failed; see its log" } } };
}

/**
 * Answers a request Node's HTTP parser rejected before Fastify saw it (a garbled request line,
 * oversized headers), in the contract's shape rather than Node's bare text.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || err.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large", "The request's headers are too large"]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "The request was not received in time"]
        : [400, "Bad Request", "The request is not valid HTTP"];
  const body = JSON.stringify(badRequest(message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
