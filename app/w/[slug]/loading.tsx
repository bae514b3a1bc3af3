// The workspace pages' fallback while a server render is on its way (the overview's shape).
export default function WorkspaceLoading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="animate-pulse space-y-6">
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="h-10 w-full max-w-2xl rounded bg-slate-100" />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => <div key={i} className="card h-24" />)}
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <div className="card h-72" />
        <div className="card h-72" />
      </div>
      <p className="sr-only">Loading…</p>
    </div>
  );
}
