// WardenClient: the agent API (AGENT_API.md) as typed async methods. Parameters are camelCase
// objects derived from the OpenAPI document (params.ts); results are the server's JSON.
import { ApprovalDeniedError, ApprovalTimeoutError } from "./errors.js";
import { toSnake, type AuditTrailQuery, type AuthorizePaymentParams, type CreateSessionParams, type EvaluateCodeParams, type EvaluateParams, type ExecResultParams, type ExecutionsQuery, type LogActionParams, type RequestApprovalParams, type SdkRoute, type SpendQuery, type StoreSecretParams } from "./params.js";
import { Transport, type RequestOptions } from "./transport.js";
import type * as T from "./types.js";

export type WardenClientOptions = {
  /** Default: process.env.WARDEN_API_KEY. */
  apiKey?: string;
  /** The API root, e.g. http://localhost:3000/api. Default: process.env.WARDEN_BASE_URL or that. */
  baseUrl?: string;
  /** Per attempt. Default 30,000. */
  timeoutMs?: number;
  /** Retries on network errors, timeouts, 5xx and 429. Default 3. */
  maxRetries?: number;
  fetch?: typeof fetch;
};

/** Every route the client calls; `satisfies` checks each against the generated OpenAPI paths. */
export const SDK_ROUTES = {
  createSession: ["post", "/v1/sessions"],
  getSession: ["get", "/v1/sessions/{id}"],
  revokeSession: ["delete", "/v1/sessions/{id}"],
  checkPermission: ["post", "/v1/sessions/{id}/check"],
  authorizePayment: ["post", "/v1/payments/authorize"],
  logAction: ["post", "/v1/audit"],
  getAuditTrail: ["get", "/v1/audit"],
  getSpend: ["get", "/v1/audit/spend"],
  verifyAudit: ["get", "/v1/audit/verify"],
  storeSecret: ["post", "/v1/secrets"],
  listSecrets: ["get", "/v1/secrets"],
  getSecret: ["get", "/v1/secrets/{name}"],
  deleteSecret: ["delete", "/v1/secrets/{name}"],
  requestApproval: ["post", "/v1/approvals/request"],
  getApproval: ["get", "/v1/approvals/{id}"],
  evaluate: ["post", "/v1/evaluate"],
  listExecutions: ["get", "/v1/exec"],
  getExecution: ["get", "/v1/exec/{receipt_id}"],
  evaluateCode: ["post", "/v1/exec/evaluate"],
  recordExecResult: ["post", "/v1/exec/{receipt_id}/result"],
} as const satisfies Record<string, SdkRoute>;

/** Environment defaults where there is a process (Node); browsers and edge runtimes have none. */
const env = (name: string): string | undefined => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
/** The server holds a wait for at most 30 s. */
const MAX_WAIT_SECONDS = 30;

export class WardenClient {
  readonly #transport: Transport;

  constructor(options: WardenClientOptions = {}) {
    const apiKey = options.apiKey ?? env("WARDEN_API_KEY");
    if (!apiKey) throw new TypeError("WardenClient needs an apiKey (or the WARDEN_API_KEY environment variable)");
    const baseUrl = (options.baseUrl ?? env("WARDEN_BASE_URL") ?? "http://localhost:3000/api").replace(/\/+$/, "");
    if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new TypeError(`WardenClient baseUrl must be an http(s) URL such as http://localhost:3000/api, not ${JSON.stringify(baseUrl)}`);
    const timeoutMs = options.timeoutMs ?? 30_000;
    const maxRetries = options.maxRetries ?? 3;
    if (!(timeoutMs > 0)) throw new TypeError("WardenClient timeoutMs must be a positive number of milliseconds");
    if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new TypeError("WardenClient maxRetries must be a whole number ≥ 0");
    this.#transport = new Transport({ apiKey, baseUrl, timeoutMs, maxRetries, fetch: options.fetch ?? globalThis.fetch.bind(globalThis) });
  }

  get baseUrl(): string {
    return this.#transport.baseUrl;
  }

  async #call<Result>(route: SdkRoute, pathParams: Record<string, string>, options?: RequestOptions): Promise<{ status: number; body: Result }> {
    const [method, template] = route;
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = pathParams[name];
      // An empty id would address another route (GET /v1/sessions/ is not a session).
      if (typeof value !== "string" || value === "") throw new TypeError(`${name} must be a non-empty string`);
      return encodeURIComponent(value);
    });
    return this.#transport.request<Result>(method, path, options);
  }

  async #json<Result>(route: SdkRoute, pathParams: Record<string, string>, options?: RequestOptions): Promise<Result> {
    return (await this.#call<Result>(route, pathParams, options)).body;
  }

  createSession(params: CreateSessionParams): Promise<T.Session> {
    return this.#json(SDK_ROUTES.createSession, {}, { body: toSnake(params) });
  }

  getSession(sessionId: string): Promise<T.SessionInfo> {
    return this.#json(SDK_ROUTES.getSession, { id: sessionId });
  }

  revokeSession(sessionId: string): Promise<T.Revoked> {
    return this.#json(SDK_ROUTES.revokeSession, { id: sessionId });
  }

  /** Always answers (allowed true or false); an unknown or dead session is allowed: false. */
  checkPermission(sessionId: string, scope: string): Promise<T.PermissionCheck> {
    return this.#json(SDK_ROUTES.checkPermission, { id: sessionId }, { body: { scope } });
  }

  /** A policy's escalation is a result ({pending: true, approvalId}), not an error. */
  async authorizePayment(params: AuthorizePaymentParams): Promise<T.PaymentResult> {
    const { status, body } = await this.#call<Record<string, unknown>>(SDK_ROUTES.authorizePayment, {}, { body: toSnake(params) });
    if (status === 202) return { ...body, pending: true, approvalId: String(body.approval_id) } as T.PaymentPending;
    return { ...body, pending: false } as T.PaymentAuthorized;
  }

  logAction(params: LogActionParams): Promise<T.Logged> {
    return this.#json(SDK_ROUTES.logAction, {}, { body: toSnake(params) });
  }

  getAuditTrail(query: AuditTrailQuery = {}): Promise<T.AuditTrail> {
    return this.#json(SDK_ROUTES.getAuditTrail, {}, { query: toSnake(query) as RequestOptions["query"] });
  }

  getSpend(query: SpendQuery = {}): Promise<T.Spend> {
    return this.#json(SDK_ROUTES.getSpend, {}, { query: toSnake(query) as RequestOptions["query"] });
  }

  verifyAudit(): Promise<T.AuditVerification> {
    return this.#json(SDK_ROUTES.verifyAudit, {});
  }

  storeSecret(params: StoreSecretParams): Promise<T.SecretStored> {
    return this.#json(SDK_ROUTES.storeSecret, {}, { body: toSnake(params) });
  }

  /** The secret's names, never values. */
  async listSecrets(): Promise<string[]> {
    return (await this.#json<{ secrets: string[] }>(SDK_ROUTES.listSecrets, {})).secrets;
  }

  /** The newest version's value, read through a session holding the secret's scope_required. */
  async getSecret(name: string, sessionId: string): Promise<string> {
    return (await this.#json<{ value: string }>(SDK_ROUTES.getSecret, { name }, { headers: { "x-session-id": sessionId } })).value;
  }

  deleteSecret(name: string): Promise<T.SecretDeleted> {
    return this.#json(SDK_ROUTES.deleteSecret, { name });
  }

  requestApproval(params: RequestApprovalParams): Promise<T.ApprovalRequested> {
    return this.#json(SDK_ROUTES.requestApproval, {}, { body: toSnake(params) });
  }

  /** With waitSeconds (≤ 30) the server holds the answer until the request is decided. */
  /** Code runs evaluated at the execution boundary, newest first (needs audit:read). */
  listExecutions(query: ExecutionsQuery = {}): Promise<T.Executions> {
    return this.#json(SDK_ROUTES.listExecutions, {}, { query: toSnake(query) as RequestOptions["query"] });
  }

  /** One code run by its receipt id, with its code, operations, reasons and result. */
  getExecution(receiptId: string): Promise<T.ExecutionDetail> {
    return this.#json(SDK_ROUTES.getExecution, { receipt_id: receiptId });
  }

  getApproval(approvalId: string, options: { waitSeconds?: number } = {}): Promise<T.Approval> {
    const wait = options.waitSeconds === undefined ? undefined : Math.min(MAX_WAIT_SECONDS, Math.max(0, Math.round(options.waitSeconds)));
    // A held request must not be cut short by the per-attempt timeout.
    const minTimeoutMs = wait === undefined ? undefined : (wait + 15) * 1000;
    return this.#json(SDK_ROUTES.getApproval, { id: approvalId }, { query: { wait }, minTimeoutMs });
  }

  /**
   * Resolves with the approved request; throws ApprovalDeniedError when it is denied or expires,
   * ApprovalTimeoutError when it is still pending after timeoutMs (default 5 minutes).
   */
  async waitForApproval(approvalId: string, options: { timeoutMs?: number } = {}): Promise<T.Approval> {
    const timeoutMs = options.timeoutMs ?? 300_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const remainingSeconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      const approval = await this.getApproval(approvalId, { waitSeconds: Math.min(MAX_WAIT_SECONDS, remainingSeconds) });
      if (approval.status === "approved") return approval;
      const details = { status: 0, body: approval, requestId: null };
      if (approval.status === "denied" || approval.status === "expired") {
        const error = new ApprovalDeniedError(`Approval ${approvalId} was ${approval.status}`, { ...details, code: `approval_${approval.status}` });
        error.approvalId = approvalId;
        throw error;
      }
      if (Date.now() >= deadline) {
        const error = new ApprovalTimeoutError(`Approval ${approvalId} is still pending after ${timeoutMs} ms`, { ...details, code: "approval_timeout" });
        error.approvalId = approvalId;
        throw error;
      }
    }
  }

  /** ESCALATE raises an approval request: the result has pending: true and its approvalId. */
  async evaluate(params: EvaluateParams): Promise<T.Evaluation> {
    const body = await this.#json<Omit<T.Evaluation, "pending" | "approvalId">>(SDK_ROUTES.evaluate, {}, { body: toSnake(params) });
    return { ...body, pending: body.decision === "ESCALATE", approvalId: body.approval_id ?? null };
  }

  /**
   * Before running code: the gate's decision, the operations found, and the sandbox limits
   * (`runtime`). Run it only for ALLOW, LOG or CONSTRAIN, within `runtime`; for ESCALATE wait
   * with waitForApproval(approvalId) first; never for BLOCK.
   */
  async evaluateCode(params: EvaluateCodeParams): Promise<T.CodeEvaluation> {
    const body = await this.#json<Omit<T.CodeEvaluation, "pending" | "approvalId">>(SDK_ROUTES.evaluateCode, {}, { body: toSnake(params) });
    return { ...body, pending: body.decision === "ESCALATE", approvalId: body.approval_id ?? null };
  }

  /** How the run of an evaluated snippet ended, recorded once (the same report again is harmless). */
  recordExecResult(receiptId: string, result: ExecResultParams): Promise<T.ExecResultRecorded> {
    return this.#json(SDK_ROUTES.recordExecResult, { receipt_id: receiptId }, { body: toSnake(result) });
  }
}
