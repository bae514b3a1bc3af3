// One HTTP call with the SDK's guarantees: the API key in a header (never in a URL or message),
// a timeout per attempt, an Idempotency-Key on every POST reused by each retry (so a retried POST
// is applied once), and retries with exponential backoff plus jitter on network errors, timeouts,
// 5xx and 429 (honouring Retry-After).
import { ConnectionError, errorFromResponse, RateLimitError, ServerError, TimeoutError, type WardenError } from "./errors.js";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
export type QueryValue = string | number | boolean | undefined;
/** minTimeoutMs: for requests the server holds on purpose (approval waits), never cut shorter than that. */
export type RequestOptions = { query?: Record<string, QueryValue>; body?: unknown; headers?: Record<string, string>; minTimeoutMs?: number };
export type ApiResponse<T> = { status: number; body: T; requestId: string | null };

export type TransportConfig = { apiKey: string; baseUrl: string; timeoutMs: number; maxRetries: number; fetch: typeof fetch };

const MAX_BACKOFF_MS = 8_000;
const MAX_RETRY_AFTER_MS = 60_000;

const isRetryable = (error: WardenError) => error instanceof ServerError || error instanceof TimeoutError || error instanceof ConnectionError || (error instanceof RateLimitError && error.status === 429);

function backoffMs(attempt: number, error: WardenError): number {
  if (error instanceof RateLimitError && error.retryAfter !== null) return Math.min(error.retryAfter * 1000, MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(250 * 2 ** attempt, MAX_BACKOFF_MS);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function parseRetryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

export class Transport {
  readonly #config: TransportConfig;

  constructor(config: TransportConfig) {
    this.#config = config;
  }

  get baseUrl(): string {
    return this.#config.baseUrl;
  }

  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = new URL(this.#config.baseUrl + path);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${this.#config.apiKey}`, ...options.headers };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (method === "post") headers["idempotency-key"] ??= crypto.randomUUID();
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    for (let attempt = 0; ; attempt++) {
      const result = await this.#attempt<T>(method.toUpperCase(), url, headers, body, Math.max(options.minTimeoutMs ?? 0, this.#config.timeoutMs));
      if (!(result instanceof Error)) return result;
      if (attempt >= this.#config.maxRetries || !isRetryable(result)) throw result;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt, result)));
    }
  }

  async #attempt<T>(method: string, url: URL, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<ApiResponse<T> | WardenError> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const where = `${method} ${url.pathname}`;
    try {
      const response = await this.#config.fetch(url, { method, headers, body, signal: controller.signal });
      const requestId = response.headers.get("x-request-id");
      const parsed = await readBody(response);
      if (response.ok) return { status: response.status, body: parsed as T, requestId };
      return errorFromResponse(response.status, parsed, requestId, parseRetryAfter(response.headers.get("retry-after")));
    } catch (error) {
      if (controller.signal.aborted) return new TimeoutError(`${where}: no answer within ${timeoutMs} ms`, { status: 0, code: "timeout", body: null, requestId: null });
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      return new ConnectionError(`${where}: cannot reach the Warden server (${cause})`, { status: 0, code: "connection_failed", body: null, requestId: null });
    } finally {
      clearTimeout(timer);
    }
  }
}
