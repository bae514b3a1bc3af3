export default function ReportsLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <div className="mb-6 h-8 w-64 animate-pulse rounded bg-slate-200" />
      <div className="card mb-6 h-20 animate-pulse bg-slate-100" />
      <p className="text-sm text-slate-600">Adding up the period and verifying the audit chain…</p>
      <div className="mt-4 grid grid-cols-2 gap-4 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="card h-20 animate-pulse bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
