// A read-only table for server-rendered lists. Cells are already formatted strings or nodes.
export function SimpleTable({ label, columns, rows }: { label: string; columns: string[]; rows: { key: string; cells: React.ReactNode[] }[] }) {
  return (
    <div className="card overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200" aria-label={label}>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((column) => (
              <th key={column} className="table-head">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) => (
                <td key={i} className="table-cell">{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
