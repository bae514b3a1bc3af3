// The client's parameter types, derived from the generated OpenAPI types (generated/openapi.ts):
// a route's schema that changes on the server changes these types, and `tsc` flags every caller.
// Parameters are camelCase (agentId); the client sends the server's snake_case (agent_id).
import type { paths } from "./generated/openapi.js";

type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];
type JsonBody<Op> = Op extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
/** Top-level keys only: nested values (params, details, metadata) are sent as given. */
export type Camelize<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };
/** Query strings carry text; numbers and booleans are accepted and sent as text. */
type Loosen<T> = { [K in keyof T]: T[K] extends string | undefined ? T[K] | number | boolean : T[K] };

export type CreateSessionParams = Camelize<JsonBody<Operation<"/api/v1/sessions", "post">>>;
export type AuthorizePaymentParams = Camelize<JsonBody<Operation<"/api/v1/payments/authorize", "post">>>;
export type LogActionParams = Camelize<JsonBody<Operation<"/api/v1/audit", "post">>>;
export type StoreSecretParams = Camelize<JsonBody<Operation<"/api/v1/secrets", "post">>>;
export type RequestApprovalParams = Camelize<JsonBody<Operation<"/api/v1/approvals/request", "post">>>;
export type EvaluateParams = Camelize<JsonBody<Operation<"/api/v1/evaluate", "post">>>;
export type EvaluateCodeParams = Camelize<JsonBody<Operation<"/api/v1/exec/evaluate", "post">>>;
export type ExecResultParams = Camelize<JsonBody<Operation<"/api/v1/exec/{receipt_id}/result", "post">>>;
export type ActionKind = EvaluateParams["kind"];
export type CheckPermissionBody = JsonBody<Operation<"/api/v1/sessions/{id}/check", "post">>;
export type AuditTrailQuery = Loosen<Camelize<QueryOf<Operation<"/api/v1/audit", "get">>>>;
export type ExecutionsQuery = Loosen<Camelize<QueryOf<Operation<"/api/v1/exec", "get">>>>;
export type SpendQuery = Camelize<QueryOf<Operation<"/api/v1/audit/spend", "get">>>;
export type WaitQuery = QueryOf<Operation<"/api/v1/approvals/{id}", "get">>;

/** Every route the SDK calls, as [method, path under the base URL]; checked against the generated paths. */
export type SdkRoute = { [P in keyof paths]: P extends `/api${infer Rest}` ? readonly [MethodsOf<paths[P]>, Rest] : never }[keyof paths];
type MethodsOf<Item> = { [M in keyof Item]-?: M extends "parameters" ? never : [Exclude<Item[M], undefined>] extends [never] ? never : M }[keyof Item];

const camelToSnake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** {agentId: "a", spendLimit: 5} -> {agent_id: "a", spend_limit: 5}; undefined values dropped. */
export function toSnake(params: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined).map(([key, value]) => [camelToSnake(key), value]));
}
