// The embedded database's own thread. PGlite runs PostgreSQL (WASM) synchronously on the thread
// that calls it; here it gets a worker thread, so SQL runs on one core while the server's event
// loop answers HTTP on another. lib/db/pglite-worker-client.ts is the other end: it sends
// { id, op, txId?, sql?, params? } and gets { id, result } or { id, error } back.
//
// Values leave this thread as PostgreSQL's text (every type parser is replaced by the identity)
// and are parsed on the caller's side, with the caller's parsers, as PGlite would have.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, messages, types } from "@electric-sql/pglite";

const identity = (value) => value;
const transactions = new Map();
let db;
let rawParsers;

async function open() {
  db = new PGlite(workerData.dataDir ?? undefined);
  await db.waitReady;
  const arrays = await db.query(`
    SELECT b.oid, b.typarray FROM pg_catalog.pg_type a
    JOIN pg_catalog.pg_type b ON b.oid = a.typelem
    WHERE a.typcategory = 'A' GROUP BY b.oid, b.typarray`);
  const oids = new Set([...Object.keys(types.parsers), ...Object.keys(db.parsers), ...arrays.rows.map((r) => String(r.typarray))]);
  rawParsers = Object.fromEntries([...oids].map((oid) => [oid, identity]));
  return { arrayTypes: arrays.rows.map((r) => [r.typarray, r.oid]) };
}

function target(txId) {
  if (txId === undefined) return db;
  const tx = transactions.get(txId);
  if (!tx) throw new Error(`transaction ${txId} is not open`);
  return tx.handle;
}

function begin(txId) {
  return new Promise((started, failed) => {
    const finished = db
      .transaction(
        (handle) =>
          new Promise((commit, rollback) => {
            transactions.set(txId, { handle, commit, rollback, finished });
            started({});
          }),
      )
      .finally(() => transactions.delete(txId));
    finished.catch(failed);
  });
}

const ROLLBACK = Symbol("rollback");

async function end(txId, commit) {
  const tx = transactions.get(txId);
  if (!tx) return {};
  if (commit) tx.commit();
  else tx.rollback(ROLLBACK);
  await tx.finished.catch((error) => {
    if (error !== ROLLBACK) throw error;
  });
  return {};
}

async function run(message) {
  switch (message.op) {
    case "open":
      return open();
    case "query": {
      const result = await target(message.txId).query(message.sql, message.params, { rowMode: "array", parsers: rawParsers });
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    }
    case "exec":
      await target(message.txId).exec(message.sql);
      return {};
    case "begin":
      return begin(message.txId);
    case "commit":
      return end(message.txId, true);
    case "rollback":
      return end(message.txId, false);
    case "close":
      await db?.close();
      return {};
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

function serializeError(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = {};
  for (const key of ["code", "severity", "detail", "hint", "column", "position", "schema", "table", "constraint", "where"]) {
    if (error[key] !== undefined) fields[key] = error[key];
  }
  return { message: error.message, name: error.name, database: error instanceof messages.DatabaseError, fields };
}

// Housekeeping PostgreSQL's autovacuum would do, which never runs in PGlite (single-user mode):
// rows updated on every payment (sessions, agents, crews, the chain heads, keys) are vacuumed
// every minute, and the planner's statistics refreshed every quarter of an hour. Both wait for
// any open transaction (PGlite runs one statement at a time) and never keep the thread alive.
const HOT_TABLES = "sessions, agents, crews, audit_chain_heads, api_keys, approval_requests";
let ticks = 0;
const housekeeping = setInterval(() => {
  if (!db) return;
  const statement = ticks++ % 15 === 0 ? "ANALYZE" : `VACUUM ${HOT_TABLES}`;
  db.exec(statement).catch(() => {}); // a table missing before migrations ran: try again later
}, 60_000);
housekeeping.unref();

parentPort.on("message", (message) => {
  run(message).then(
    (result) => parentPort.postMessage({ id: message.id, result }),
    (error) => parentPort.postMessage({ id: message.id, error: serializeError(error) }),
  );
});
