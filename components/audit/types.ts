import type { toEntryView } from "@/lib/audit/entry-view";

/** An audit entry as the API and the explorer show it. */
export type EntryView = ReturnType<typeof toEntryView>;
