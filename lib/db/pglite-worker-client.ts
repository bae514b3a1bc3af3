// The server's side of the embedded database's worker thread (lib/db/pglite-worker.mjs): the
// part of PGlite's interface that pglite-prisma-adapter and the SQL runner use (query, exec,
// transaction with rollback, close), answered by messages. SQL runs on the worker's core; this
// thread only parses the text values it gets back, with the caller's parsers first and PGlite's
// own (arrays included) otherwise, exactly as PGlite itself would.
import path from "node:path";
import { Worker } from "node:worker_threads";
import { messages, types } from "@electric-sql/pglite";

type Parser = (value: string, typeId: number) => unknown;
type QueryOptions = { rowMode?: "array" | "object"; parsers?: Record<number, Parser> };
export type QueryResult<T> = { rows: T[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };

export type PgliteQueryable = {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  exec(sql: string): Promise<unknown>;
};
export type PgliteTransaction = PgliteQueryable & { rollback(): Promise<void>; readonly closed: boolean };
export type PgliteClient = PgliteQueryable & {
  transaction<T>(fn: (tx: PgliteTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Requests sent to the worker and not yet answered (the one running and those queued behind it). */
  readonly pendingRequests: number;
};

type WorkerError = { message: string; name?: string; database?: boolean; fields?: Record<string, unknown> };
type Reply = { id: number; result?: unknown; error?: WorkerError };
type Request = { op: string; txId?: number; sql?: string; params?: unknown[] };

/** Where the worker's script lives: beside this file in the sources, found from the app root. */
function workerPath(): string {
  return path.join(process.cwd(), "lib", "db", "pglite-worker.mjs");
}

function toError(error: WorkerError): Error {
  const result = error.database ? new messages.DatabaseError(error.message, 0, "error") : new Error(error.message);
  return Object.assign(result, error.fields);
}

export async function openPgliteWorker(dataDir: string | null): Promise<PgliteClient> {
  const worker = new Worker(workerPath(), { workerData: { dataDir } });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let nextTx = 1;
  let exited: Error | null = null;

  // Like an in-process PGlite, an idle database does not keep the process alive.
  worker.unref();
  worker.on("message", (reply: Reply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.error) waiter?.reject(toError(reply.error));
    else waiter?.resolve(reply.result);
  });
  const failAll = (error: Error) => {
    exited = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`the embedded database's worker exited (code ${code})`)));

  const call = <T>(request: Request): Promise<T> => {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, ...request });
    });
  };

  let opened: { arrayTypes: [number, number][] };
  try {
    opened = await call<{ arrayTypes: [number, number][] }>({ op: "open" });
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const parsers: Record<number, Parser> = { ...(types.parsers as Record<number, Parser>) };
  for (const [arrayOid, elementOid] of opened.arrayTypes) {
    parsers[arrayOid] = (value) => types.arrayParser(value, (v: string) => parse(v, elementOid), arrayOid);
  }
  function parse(value: string | null, typeId: number, custom?: Record<number, Parser>): unknown {
    if (value === null) return null;
    const parser = custom?.[typeId] ?? parsers[typeId];
    return parser ? parser(value, typeId) : value;
  }

  const queryable = (txId?: number): PgliteQueryable => ({
    async query<T>(sql: string, params: unknown[] = [], options: QueryOptions = {}) {
      const raw = await call<QueryResult<(string | null)[]>>({ op: "query", txId, sql, params });
      const rows = raw.rows.map((row) => {
        const values = row.map((value, i) => parse(value, raw.fields[i]!.dataTypeID, options.parsers));
        if (options.rowMode === "array") return values;
        return Object.fromEntries(raw.fields.map((field, i) => [field.name, values[i]]));
      });
      return { rows: rows as T[], fields: raw.fields, affectedRows: raw.affectedRows };
    },
    exec: (sql: string) => call({ op: "exec", txId, sql }),
  });

  return {
    ...queryable(),
    get pendingRequests() {
      return pending.size;
    },
    async transaction<T>(fn: (tx: PgliteTransaction) => Promise<T>): Promise<T> {
      const txId = nextTx++;
      await call({ op: "begin", txId });
      let closed = false;
      const tx: PgliteTransaction = {
        ...queryable(txId),
        get closed() {
          return closed;
        },
        async rollback() {
          if (closed) return;
          closed = true;
          await call({ op: "rollback", txId });
        },
      };
      try {
        const result = await fn(tx);
        if (!closed) {
          closed = true;
          await call({ op: "commit", txId });
        }
        return result;
      } catch (error) {
        await tx.rollback();
        throw error;
      }
    },
    async close() {
      if (exited) return;
      await call({ op: "close" });
      await worker.terminate();
    },
  };
}
