/**
 * Telling a PostgreSQL cache URL from an SQLite file name, and showing such a URL in logs and
 * errors without its password.
 */

export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text.trim());
}

/** postgres://user@host:5432/db with any password removed; the text itself when it is not a URL. */
export function redactPostgresUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = "";
    // Query parameters may carry passwords or key files too; only the address is needed in a message.
    return `${url.protocol}//${url.username ? `${decodeURIComponent(url.username)}@` : ""}${url.host}${url.pathname}`;
  } catch {
    return "(an unreadable PostgreSQL URL)";
  }
}

/** Checks the shape before any connection is tried, so a typo is reported as a typo. */
export function checkPostgresUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${redactPostgresUrl(text)}" is not a valid PostgreSQL URL (expected postgres://user@host:5432/database)`;
  }
  if (!/^postgres(ql)?:$/i.test(url.protocol)) return `The cache URL must start with postgres:// (got ${url.protocol}//)`;
  if (!url.hostname) return "The PostgreSQL URL names no host (expected postgres://user@host:5432/database)";
  if (url.pathname.length <= 1)
    return `The PostgreSQL URL ${redactPostgresUrl(text)} names no database (expected postgres://user@host:5432/database)`;
  return undefined;
}
