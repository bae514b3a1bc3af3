// Shared by the server page and the client timeline (a "use client" module's constants are not
// readable on the server).
export const TIMELINE_PAGE = 25;
export const TIMELINE_FILTERS = ["tool", "decision", "flagged", "q"] as const;
