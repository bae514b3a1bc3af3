/** Entries per page of the explorer's table (the first one rendered on the server). */
export const PAGE_SIZE = 50;
