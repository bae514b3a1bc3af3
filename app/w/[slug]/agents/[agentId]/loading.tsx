export default function AgentLoading() {
  return (
    <div aria-busy="true" aria-label="Loading the agent" className="animate-pulse space-y-4">
      <div className="h-8 w-72 rounded bg-slate-200" />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <div className="card h-24" />
        <div className="card h-24" />
      </div>
      <div className="card h-72" />
      <div className="card h-96" />
      <p className="sr-only">Loading…</p>
    </div>
  );
}
