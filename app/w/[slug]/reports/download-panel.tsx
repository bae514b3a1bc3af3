type Props = { href: string; canExport: boolean; roleLabel: string };

export function DownloadPanel({ href, canExport, roleLabel }: Props) {
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600">The preview below shows the figures the PDF contains.</p>
      {canExport ? (
        // A plain link: the browser downloads the attachment; the server checks the role again.
        <a href={href} className="btn-primary" download>
          Download PDF
        </a>
      ) : (
        <p className="text-sm text-slate-600" data-testid="no-export">
          Downloading the PDF needs the Auditor or Admin role (you are a {roleLabel}). Ask an admin of this workspace if you need it.
        </p>
      )}
    </div>
  );
}
