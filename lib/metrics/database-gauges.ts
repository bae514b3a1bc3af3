// Gauges read from the database when Prometheus scrapes, never on the request path: approvals
// pending and the audit chains' length across all workspaces, and the connection pool's use.
import { Gauge, type Registry } from "prom-client";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db/client";

type ScrapeCounts = { pending_approvals: string; chains: string; chain_entries: string; longest_chain: string };

// One round trip per scrape for the figures that need SQL; bigint sums come back as text.
const COUNTS_SQL = `
  SELECT
    (SELECT count(*) FROM approval_requests WHERE status = 'pending' AND expires_at > now())::text AS pending_approvals,
    (SELECT count(*) FROM audit_chain_heads)::text AS chains,
    (SELECT coalesce(sum(seq), 0) FROM audit_chain_heads)::text AS chain_entries,
    (SELECT coalesce(max(seq), 0) FROM audit_chain_heads)::text AS longest_chain`;

/** The counts are read once per scrape even though four gauges report them. */
let inFlight: Promise<ScrapeCounts> | null = null;
function scrapeCounts(): Promise<ScrapeCounts> {
  inFlight ??= getDb()
    .then(async (db) => (await db.sql<ScrapeCounts>(COUNTS_SQL))[0]!)
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

function countGauge(registry: Registry, name: string, help: string, read: (counts: ScrapeCounts) => string) {
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      this.set(Number(read(await scrapeCounts())));
    },
  });
}

export function registerDatabaseGauges(registry: Registry): void {
  // The pool is read first (prom-client collects in registration order), so that the figures do
  // not include the connection this scrape's own query is about to take.
  if (config().isEmbedded) registerPgliteGauge(registry);
  else registerPoolGauge(registry);
  countGauge(registry, "warden_approvals_pending", "Approval requests waiting for a reviewer (not yet expired), all workspaces", (c) => c.pending_approvals);
  countGauge(registry, "warden_audit_chains", "Workspaces with an audit chain", (c) => c.chains);
  countGauge(registry, "warden_audit_chain_entries", "Audit entries across all chains: the sum of the chain heads' seq", (c) => c.chain_entries);
  countGauge(registry, "warden_audit_chain_longest", "The longest chain's length: the greatest chain head seq", (c) => c.longest_chain);
}

function registerPoolGauge(registry: Registry) {
  new Gauge({
    name: "warden_db_pool_connections",
    help: "This process's PostgreSQL pool, by state: total (open), idle, waiting (requests queued for a connection) and max (WARDEN_DB_POOL_SIZE)",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const stats = (await getDb()).poolStats();
      if (stats.kind !== "postgres") return;
      this.set({ state: "total" }, stats.total);
      this.set({ state: "idle" }, stats.idle);
      this.set({ state: "waiting" }, stats.waiting);
      this.set({ state: "max" }, stats.max);
    },
  });
}

function registerPgliteGauge(registry: Registry) {
  new Gauge({
    name: "warden_db_pending_requests",
    help: "Embedded PGlite (one session, so no pool): queries sent to the database worker and not yet answered, the running one included",
    registers: [registry],
    async collect() {
      const stats = (await getDb()).poolStats();
      if (stats.kind === "pglite") this.set(stats.pending);
    },
  });
}
