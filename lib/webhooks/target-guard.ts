// The webhook SSRF guard: a target must be an http(s) URL without credentials whose host is, or
// resolves only to, public addresses (target-address.ts) — unless WARDEN_WEBHOOK_ALLOW_PRIVATE.
// Checked when an endpoint is created, and again on every delivery through pinnedLookup: the
// connection is made to exactly the addresses that were just checked, so a name that resolved
// to a public address at creation and to 169.254.169.254 later (DNS rebinding) is refused.
import dns from "node:dns";
import net from "node:net";
import { bareHost, classifyAddress, isLocalHostName } from "./target-address";

export type ResolvedAddress = { address: string; family: number };
/** Resolves a host name to all its addresses; injectable so tests can play DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;
export type GuardOptions = { allowPrivate: boolean; resolve?: Resolver };

export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true });

export const REFUSED_ADDRESS = "must not point to a loopback, private, link-local, multicast or reserved address";
// One reason for local names, names that do not resolve and names resolving to a private
// address, so the API does not tell a caller which internal names exist.
export const REFUSED_NAME = "must name a host that resolves only to public addresses";

export class TargetNotAllowedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "TargetNotAllowedError";
  }
}

/** The addresses a connection to this host may use; throws TargetNotAllowedError. */
export async function allowedAddresses(hostname: string, options: GuardOptions): Promise<ResolvedAddress[]> {
  const host = bareHost(hostname);
  const family = net.isIP(host);
  if (family !== 0) {
    if (!options.allowPrivate && !classifyAddress(host).isAllowed) throw new TargetNotAllowedError(REFUSED_ADDRESS);
    return [{ address: host, family }];
  }
  if (!options.allowPrivate && isLocalHostName(host)) throw new TargetNotAllowedError(REFUSED_NAME);
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(host);
  } catch {
    throw new TargetNotAllowedError(REFUSED_NAME);
  }
  if (addresses.length === 0) throw new TargetNotAllowedError(REFUSED_NAME);
  // Every address must pass: a resolver may answer one public and one private address.
  if (!options.allowPrivate && addresses.some((a) => !classifyAddress(a.address).isAllowed)) {
    throw new TargetNotAllowedError(REFUSED_NAME);
  }
  return addresses;
}

/** Checks a URL's form: http(s), no user or password. */
export function checkTargetUrl(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TargetNotAllowedError("must be an http(s) URL");
  if (url.username !== "" || url.password !== "") throw new TargetNotAllowedError("must not contain credentials");
}

/** The creation-time check; with allowPrivate only the URL's form is checked (nothing to resolve). */
export async function checkWebhookTarget(url: string, options: GuardOptions): Promise<void> {
  const target = new URL(url);
  checkTargetUrl(target);
  if (!options.allowPrivate) await allowedAddresses(target.hostname, options);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request/https.request (Node calls it for host names, not IP literals):
 * resolves through the guard and hands the socket only the checked addresses. The request
 * keeps the name for its Host header and TLS server name.
 */
export function pinnedLookup(options: GuardOptions) {
  return (hostname: string, lookupOptions: dns.LookupOptions, callback: LookupCallback): void => {
    allowedAddresses(hostname, options).then(
      (addresses) => {
        const wanted = lookupOptions.family ? addresses.filter((a) => a.family === lookupOptions.family) : addresses;
        const [first] = wanted;
        if (!first) {
          callback(Object.assign(new Error(`no address of family ${lookupOptions.family}`), { code: "ENOTFOUND" }), "", 0);
        } else if (lookupOptions.all) {
          callback(null, wanted);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: Error) => callback(error, "", 0),
    );
  };
}
