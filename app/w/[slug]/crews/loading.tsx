import { PageHeader } from "@/components/ui/page-header";

export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <PageHeader title="Crews" />
      <p className="sr-only">Loading crews…</p>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 3 }, (_, i) => <div key={i} className="card h-36 animate-pulse bg-slate-50" />)}
      </div>
    </div>
  );
}
