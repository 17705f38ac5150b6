/**
 * The PostgreSQL schema, as the ordered list of changes that build it. Never edit a released
 * migration: add the next one. Times are epoch milliseconds from the service's clock, like the
 * SQLite cache's, so both stores answer the same at the same instant.
 */
import type { Migration } from "./migrate";

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "shared upstream budget and circuit breaker",
    sql: `
      CREATE TABLE upstream_budget (
        name text PRIMARY KEY,
        tokens double precision NOT NULL,
        updated_at_ms bigint NOT NULL
      );
      CREATE TABLE upstream_breaker (
        name text PRIMARY KEY,
        failures integer NOT NULL,
        open_until_ms bigint,
        probe_until_ms bigint,
        updated_at_ms bigint NOT NULL
      );`,
  },
];
