import { SimpleTable } from "@/components/ui/simple-table";

type Row = { id: string; seq: number; timestamp: string; actor: string; action: string; entryHash: string };

export function AuditTable({ rows }: { rows: Row[] }) {
  return (
    <SimpleTable
      label="Audit events"
      columns={["#", "Time (UTC)", "Action", "Actor", "Hash"]}
      rows={rows.map((row) => ({
        key: row.id,
        cells: [
          <span key="seq" className="tabular-nums">{row.seq}</span>,
          <span key="t" className="whitespace-nowrap">{row.timestamp.replace("T", " ").slice(0, 19)}</span>,
          <code key="a" className="text-xs">{row.action}</code>,
          <code key="actor" className="text-xs">{row.actor}</code>,
          <code key="h" className="text-xs text-slate-500" title={row.entryHash}>{row.entryHash.slice(0, 12)}…</code>,
        ],
      }))}
    />
  );
}
