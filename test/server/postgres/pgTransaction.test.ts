/**
 * Lending a pooled connection (no database needed): a connection that failed while lent, or that
 * the borrower found unusable, is closed rather than returned to the pool; one that worked goes back.
 */
import { EventEmitter } from "node:events";
import type { Pool } from "pg";
import { inTransaction, withConnection } from "../../../src/server/postgres/pgTransaction";

class FakeClient extends EventEmitter {
  readonly queries: string[] = [];
  released: { err: Error | undefined } | undefined;
  failOn = new Set<string>();
  async query(sql: string): Promise<{ rows: unknown[] }> {
    this.queries.push(sql);
    if (this.failOn.has(sql)) throw new Error(`${sql} failed`);
    return { rows: [] };
  }
  release(err?: Error): void {
    this.released = { err };
  }
}

function poolOf(client: FakeClient): Pool {
  return { connect: async () => client } as unknown as Pool;
}

describe("withConnection", () => {
  test("gives a connection that worked back to the pool, and stops listening to it", async () => {
    const client = new FakeClient();
    expect(await withConnection(poolOf(client), async (c) => (await c.query("SELECT 1"), 7))).toBe(7);
    expect(client.released).toEqual({ err: undefined });
    expect(client.listenerCount("error")).toBe(0);
  });

  test("closes a connection that reported an error while lent, and does not end the process with it", async () => {
    const client = new FakeClient();
    const gone = new Error("server closed the connection");
    await withConnection(poolOf(client), async () => {
      client.emit("error", gone);
    });
    expect(client.released).toEqual({ err: gone });
  });

  test("closes a connection the borrower dropped, also when the work throws", async () => {
    const client = new FakeClient();
    const unusable = new Error("unlock failed");
    await expect(
      withConnection(poolOf(client), async (_c, drop) => {
        drop(unusable);
        throw new Error("work failed");
      }),
    ).rejects.toThrow("work failed");
    expect(client.released).toEqual({ err: unusable });
  });
});

describe("inTransaction", () => {
  test("commits when the work resolves", async () => {
    const client = new FakeClient();
    await inTransaction(poolOf(client), async (c) => void (await c.query("UPDATE x")));
    expect(client.queries).toEqual(["BEGIN", "UPDATE x", "COMMIT"]);
    expect(client.released).toEqual({ err: undefined });
  });

  test("rolls back when the work throws, and keeps the connection when the rollback worked", async () => {
    const client = new FakeClient();
    await expect(inTransaction(poolOf(client), async () => Promise.reject(new Error("bad row")))).rejects.toThrow("bad row");
    expect(client.queries).toEqual(["BEGIN", "ROLLBACK"]);
    expect(client.released).toEqual({ err: undefined });
  });

  test("closes the connection when even the rollback fails", async () => {
    const client = new FakeClient();
    client.failOn.add("COMMIT").add("ROLLBACK");
    await expect(inTransaction(poolOf(client), async () => undefined)).rejects.toThrow("COMMIT failed");
    expect(client.released?.err?.message).toBe("ROLLBACK failed");
  });
});
