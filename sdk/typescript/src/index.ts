export { WardenClient, SDK_ROUTES, type WardenClientOptions } from "./client.js";
export {
  ApprovalDeniedError,
  ApprovalTimeoutError,
  AuthError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionError,
  PolicyBlockedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  WardenError,
  type ErrorBody,
} from "./errors.js";
export type * from "./types.js";
export type { ActionKind, AuditTrailQuery, AuthorizePaymentParams, CreateSessionParams, EvaluateCodeParams, EvaluateParams, ExecResultParams, ExecutionsQuery, LogActionParams, RequestApprovalParams, SpendQuery, StoreSecretParams } from "./params.js";
export { governedTool, type GovernedToolOptions } from "./governed-tool.js";
export { governAiSdkTool, governLangChainTool, type AiSdkToolLike, type LangChainToolLike } from "./adapters.js";
