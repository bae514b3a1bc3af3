import { PageHeader } from "@/components/ui/page-header";

export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <PageHeader title="Sessions" />
      <p className="sr-only">Loading sessions…</p>
      <div className="mb-4 h-9 w-80 animate-pulse rounded bg-slate-200" />
      <div className="card space-y-3 p-4">
        {Array.from({ length: 6 }, (_, i) => <div key={i} className="h-8 animate-pulse rounded bg-slate-100" />)}
      </div>
    </div>
  );
}
