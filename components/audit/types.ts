import type { LabelledEntryView } from "@/lib/audit/list-filtered-entries";

/** An audit entry as the explorer shows it: the API's view plus a readable actor when known. */
export type EntryView = LabelledEntryView;
