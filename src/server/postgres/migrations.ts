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
  {
    version: 2,
    name: "breaker records when its probe began",
    sql: `ALTER TABLE upstream_breaker RENAME COLUMN probe_until_ms TO probe_at_ms;`,
  },
  {
    version: 3,
    name: "market store: raw bars, corporate actions, coverage, snapshots",
    sql: `
      CREATE TABLE series_meta (
        symbol text PRIMARY KEY,
        currency text NOT NULL,
        timezone text NOT NULL,
        source text NOT NULL,
        actions_from text,
        actions_confirmed_at_ms bigint
      );
      CREATE TABLE raw_bars (
        symbol text NOT NULL,
        date text NOT NULL,
        open double precision,
        high double precision,
        low double precision,
        close double precision NOT NULL,
        volume double precision,
        PRIMARY KEY (symbol, date)
      );
      CREATE TABLE corporate_actions (
        symbol text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('dividend', 'split')),
        date text NOT NULL,
        value double precision NOT NULL,
        PRIMARY KEY (symbol, kind, date)
      );
      CREATE TABLE coverage_intervals (
        symbol text NOT NULL,
        start_date text NOT NULL,
        end_date text NOT NULL,
        fetched_at_ms bigint NOT NULL,
        provisional boolean NOT NULL
      );
      CREATE INDEX coverage_intervals_by_symbol ON coverage_intervals (symbol);
      CREATE TABLE snapshots (
        kind text NOT NULL,
        symbol text NOT NULL,
        body text NOT NULL,
        fetched_at_ms bigint NOT NULL,
        PRIMARY KEY (kind, symbol)
      );`,
  },
  {
    version: 4,
    name: "symbols the upstream called unknown, shared by replicas",
    sql: `
      CREATE TABLE unknown_symbols (
        symbol text PRIMARY KEY,
        message text NOT NULL,
        at_ms bigint NOT NULL
      );`,
  },
  {
    version: 5,
    name: "upstream budget settings each replica started with",
    sql: `
      CREATE TABLE upstream_settings (
        name text PRIMARY KEY,
        per_second double precision NOT NULL,
        burst double precision NOT NULL,
        threshold integer NOT NULL,
        cooldown_ms bigint NOT NULL,
        set_by text NOT NULL,
        set_at_ms bigint NOT NULL
      );`,
  },
];
