export function EmptyState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="card flex flex-col items-center px-6 py-12 text-center" data-testid="empty-state">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <div className="mt-2 max-w-xl text-sm text-slate-600">{children}</div>
    </div>
  );
}
