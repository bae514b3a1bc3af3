// Downloads of the entries the explorer shows, for members who may export (the routes check
// it too). `through` pins the chain seq the page was rendered at, so the file and its manifest
// cover the same entries even while new ones arrive.
type Props = { slug: string; filter: Record<string, string>; through: number };

const FORMATS = [
  { format: "csv", label: "Export CSV" },
  { format: "jsonl", label: "Export JSON Lines" },
] as const;

export function ExportLinks({ slug, filter, through }: Props) {
  const query = (format: string, withThrough: boolean) =>
    new URLSearchParams({ format, ...filter, ...(withThrough ? { through: String(through) } : {}) }).toString();
  return (
    <section aria-labelledby="export-title" className="card space-y-3 p-4">
      <h2 id="export-title" className="font-semibold text-slate-900">Export</h2>
      <ul className="flex flex-wrap gap-3">
        {FORMATS.map(({ format, label }) => (
          <li key={format} className="flex items-center gap-2">
            <a className="btn-secondary" href={`/w/${slug}/audit/export?${query(format, true)}`} download>{label}</a>
            <a className="text-sm text-brand-700 underline" href={`/w/${slug}/audit/export/manifest?${query(format, true)}`} download>
              Manifest<span className="sr-only"> for the {format === "csv" ? "CSV" : "JSON Lines"} export</span>
            </a>
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-600">
        The entries matching the filters above, through seq {through}. The manifest is signed; verify a file offline with{" "}
        <code>npm run warden -- verify-export &lt;file&gt; &lt;manifest&gt;</code>.
      </p>
    </section>
  );
}
