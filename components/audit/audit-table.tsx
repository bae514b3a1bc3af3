type Row = { id: string; seq: number; timestamp: string; actor: string; action: string; entryHash: string };

export function AuditTable({ rows }: { rows: Row[] }) {
  return (
    <div className="card overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200" aria-label="Audit events">
        <thead className="bg-slate-50">
          <tr>
            <th className="table-head">#</th>
            <th className="table-head">Time (UTC)</th>
            <th className="table-head">Action</th>
            <th className="table-head">Actor</th>
            <th className="table-head">Hash</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="table-cell tabular-nums">{row.seq}</td>
              <td className="table-cell whitespace-nowrap">{row.timestamp.replace("T", " ").slice(0, 19)}</td>
              <td className="table-cell font-mono text-xs">{row.action}</td>
              <td className="table-cell font-mono text-xs">{row.actor}</td>
              <td className="table-cell font-mono text-xs text-slate-500" title={row.entryHash}>{row.entryHash.slice(0, 12)}…</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
