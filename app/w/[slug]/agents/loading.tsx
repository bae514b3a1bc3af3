export default function AgentsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading agents" className="animate-pulse space-y-4">
      <div className="h-8 w-40 rounded bg-slate-200" />
      <div className="h-10 w-full max-w-2xl rounded bg-slate-100" />
      <div className="card h-64" />
      <p className="sr-only">Loading…</p>
    </div>
  );
}
