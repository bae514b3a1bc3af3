/**
 * Where to go after signing in: only a path on this site. "//host", "/\\host" and "/\t/host"
 * all start with "/" but a browser resolves them to another site (an open redirect).
 */
export function sameSiteCallbackUrl(value: string | undefined): string {
  if (!value?.startsWith("/")) return "/";
  const base = "http://same-site.invalid";
  const url = new URL(value, base);
  const isSameSite = url.origin === base && !url.pathname.startsWith("//");
  return isSameSite ? `${url.pathname}${url.search}${url.hash}` : "/";
}
