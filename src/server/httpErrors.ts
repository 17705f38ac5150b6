/**
 * Turning Fastify's own failures (schema checks, bad URLs, unknown routes) into the contract's
 * 400/404 bodies, so a caller never sees a stack trace or a 500 for something it sent.
 */
import type { FastifyError } from "fastify";
import type { BadRequestBody } from "../api/contract";

export function badRequest(message: string): BadRequestBody {
  return { error: { code: "bad_request", message } };
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
export function errorReply(err: FastifyError): { status: number; body: BadRequestBody | { error: { code: string; message: string } } } {
  if (err.validation) return { status: 400, body: badRequest(describeSchemaFailure(err.validation as SchemaIssue[])) };
  const status = typeof err.statusCode === "number" ? err.statusCode : 500;
  if (status >= 400 && status < 500) return { status, body: badRequest(err.message || "Malformed request") };
  return { status: 500, body: { error: { code: "internal_error", message: "The service failed; see its log" } } };
}
