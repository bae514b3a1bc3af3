// The explorer's drawer lives in the URL (?entry=<seq>), so a shared link opens the same entry.
// Opening and closing it uses the History API, which Next's router picks up (useSearchParams)
// without rendering the page on the server again.

/** The current URL with the drawer showing `seq` (or closed). */
export function entryHref(pathname: string, search: string, seq: number | null): string {
  const params = new URLSearchParams(search);
  if (seq === null) params.delete("entry");
  else params.set("entry", String(seq));
  const query = params.toString();
  return `${pathname}${query ? `?${query}` : ""}`;
}

export function showEntry(seq: number | null) {
  window.history.pushState(null, "", entryHref(window.location.pathname, window.location.search, seq));
}

/** The seq in ?entry=, or null when absent or not a positive whole number. */
export function entryParam(value: string | null): number | null {
  return value && /^\d{1,15}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}
