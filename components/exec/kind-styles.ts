import type { OperationKind } from "@/lib/exec/types";

// One colour per operation kind, shared by the code's marks, the legend and the operation list.
// Literal class names so Tailwind keeps them.
export const KIND_STYLES: Record<OperationKind, { mark: string; label: string }> = {
  import: { mark: "bg-sky-100 text-sky-900 ring-sky-300", label: "Import" },
  process: { mark: "bg-red-100 text-red-900 ring-red-300", label: "Process" },
  file_read: { mark: "bg-emerald-100 text-emerald-900 ring-emerald-300", label: "File read" },
  file_write: { mark: "bg-amber-100 text-amber-900 ring-amber-300", label: "File write" },
  network: { mark: "bg-violet-100 text-violet-900 ring-violet-300", label: "Network" },
  env: { mark: "bg-lime-100 text-lime-900 ring-lime-300", label: "Environment" },
  dynamic_code: { mark: "bg-orange-100 text-orange-900 ring-orange-300", label: "Dynamic code" },
  obfuscation: { mark: "bg-fuchsia-100 text-fuchsia-900 ring-fuchsia-300", label: "Obfuscation" },
};

export const kindStyle = (kind: string) => KIND_STYLES[kind as OperationKind] ?? { mark: "bg-slate-200 text-slate-900 ring-slate-300", label: kind };
