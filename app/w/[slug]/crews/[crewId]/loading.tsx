export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-6">
      <p className="sr-only">Loading the crew…</p>
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200" />
      <div className="card h-80 animate-pulse bg-slate-50" />
      <div className="card h-48 animate-pulse bg-slate-50" />
    </div>
  );
}
