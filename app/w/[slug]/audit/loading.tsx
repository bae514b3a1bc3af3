export default function AuditLoading() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-6">
      <p className="sr-only">Loading the audit trail…</p>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="card h-32 animate-pulse bg-slate-50" />
        <div className="card h-32 animate-pulse bg-slate-50" />
      </div>
      <div className="card h-40 animate-pulse bg-slate-50" />
      <div className="card h-96 animate-pulse bg-slate-50" />
    </div>
  );
}
