// fast-check arbitraries driven by the OpenAPI document (/api/openapi.json): for each operation,
// requests whose body, query, headers and path ids are mostly shaped by the operation's JSON
// Schema (so they reach the handlers' deeper code) and laced with hostile values: wrong types,
// huge and negative numbers, NaN/Infinity as strings, 10k-character strings, NUL and lone
// surrogates (JSON escapes and raw bytes), deep nesting, extra and prototype-polluting keys,
// malformed JSON, wrong content types and odd header values.
import fc from "fast-check";

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
};

export type Operation = {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: JsonSchema }[];
  body?: JsonSchema;
};

export type FuzzRequest = {
  method: string;
  /** Path and query, already encoded. */
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  auth: "valid" | "none" | "bad";
};

/** Ids that exist in the fuzzed workspace, so some requests get past the lookups. */
export type KnownIds = Record<"session" | "policy" | "crew" | "agent" | "secret", string>;

const TEN_K = "x".repeat(10_000);
const NUL = "\u0000";

/** Values no schema here accepts, or only just. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("NaN", "Infinity", "-Infinity", "1e309", "-0", "", " ", "null", "true", "0x10", "__proto__", "constructor", "../..", TEN_K),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -1, -0, 0.30000000000000004, 1e-7, 2 ** 63, -(2 ** 63), 0, 31_536_001),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 8 }).map((s) => `${s}${NUL}${s}`),
  fc.constantFrom("\ud800", "a\udc00b", "\udfff\ud800", `${NUL}`, "\u202e", "\ufeff"),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 60, max: 3_000 }).map((depth) => nest(depth)),
  protoPolluting(fc.jsonValue({ maxDepth: 2 })),
);

function nest(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** An object with own enumerable `__proto__`, `constructor` or `prototype` keys (as JSON.parse makes). */
function protoPolluting(inner: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(fc.subarray(["__proto__", "constructor", "prototype"], { minLength: 1 }), inner).map(([keys, value]) => {
    const object: Record<string, unknown> = {};
    for (const key of keys) Object.defineProperty(object, key, { value: { isAdmin: true, polluted: value }, enumerable: true, writable: true, configurable: true });
    return object;
  });
}

const types = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

/** Values of the schema's shape (valid or nearly so), each part sometimes replaced by a hostile one. */
export function fromSchema(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: shapedBy(schema, depth, false) }, { weight: 1, arbitrary: hostileValue });
}

/** Values of the schema's shape with nothing hostile in them: these reach the domain code. */
export const cleanFromSchema = (schema: JsonSchema) => shapedBy(schema, 0, true);

function shapedBy(schema: JsonSchema, depth: number, isClean: boolean): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => shapedBy(s, depth, isClean)));
  if (schema.allOf?.[0]) return shapedBy(schema.allOf[0], depth, isClean);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const [type] = types(schema);
  switch (type) {
    case "string":
      return stringOf(schema);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 });
    case "number":
      return fc.double({ min: schema.minimum ?? -1e12, max: schema.maximum ?? 1e12, noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const item = isClean ? shapedBy(schema.items ?? {}, depth + 1, true) : depth > 6 ? hostileValue : fromSchema(schema.items ?? {}, depth + 1);
      return fc.array(item, { minLength: isClean ? Math.min(schema.minItems ?? 0, 4) : 0, maxLength: Math.min(schema.maxItems ?? 4, 4) });
    }
    case "object":
      return isClean ? cleanObjectOf(schema, depth) : objectOf(schema, depth);
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const max = Math.min(schema.maxLength ?? 64, 200);
  if (schema.format === "date-time") return fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, max));
    } catch {
      // a pattern JavaScript cannot compile: plain strings
    }
  }
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: max });
}

function cleanObjectOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, shapedBy(property, depth + 1, true)]));
  return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const model = Object.fromEntries(names.map((name) => [name, fromSchema(properties[name]!, depth + 1)]));
  // Usually the required keys are present; sometimes not, so "is required" paths run too.
  const declared = fc.oneof(
    { weight: 4, arbitrary: fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => names.includes(k)) }) },
    { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
  );
  const extra = fc.oneof(
    { weight: 5, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ unit: "binary", maxLength: 12 }), hostileValue, { maxKeys: 3 }) },
    { weight: 1, arbitrary: protoPolluting(hostileValue) },
  );
  return fc.tuple(declared, extra).map(([own, more]) => Object.assign(Object.create(Object.prototype) as object, own, more));
}

/** Percent-encodes UTF-8 (lone surrogates as the raw bytes an attacker would send). */
export function encodeSegment(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(char);
  }
  return out;
}

function pathIdFor(operation: Operation, name: string, known: KnownIds): fc.Arbitrary<string> {
  const resource = /^\/api\/v1\/(\w+)/.exec(operation.path)?.[1] ?? "";
  const real = { sessions: known.session, policies: known.policy, crews: known.crew, agents: known.agent, secrets: known.secret }[resource];
  const prefix = { sessions: "ses_", policies: "pol_", crews: "crw_", approvals: "apr_", webhooks: "whk_", keys: "wdn_" }[resource] ?? "";
  const realForName = name === "agent_id" ? known.agent : real;
  return fc.oneof(
    { weight: 3, arbitrary: realForName ? fc.constant(encodeSegment(realForName)) : fc.constant(`${prefix}nope`) },
    { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/).map((s) => encodeSegment(prefix + s)) },
    { weight: 2, arbitrary: fc.constantFrom("%00", `${prefix}%00`, "..", "%2e%2e", ".", "%2F", "%5C", "%", "%G1", "%C0%80", "%ED%A0%80", "%FF%FE", "a%0Ab", "%7F", prefix + TEN_K, "%20") },
    { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 30 }).map(encodeSegment) },
  );
}

function queryFor(operation: Operation): fc.Arbitrary<string> {
  const declared = operation.query.map(({ name, schema }) =>
    fc.option(
      fc.oneof(
        { weight: 3, arbitrary: shapedBy(schema, 0, true).map((v) => (typeof v === "string" ? v : JSON.stringify(v) ?? "")) },
        { weight: 2, arbitrary: hostileValue.map((v) => (typeof v === "string" ? v : JSON.stringify(v) ?? "")) },
      ).map((value) => `${encodeSegment(name)}=${encodeSegment(value.slice(0, 2_000))}`),
      { nil: "" },
    ),
  );
  const raw = fc.constantFrom("", "%00=1", "x=%00", "a=%", "a=%ZZ", "a=%ED%A0%80", "__proto__=1", "constructor[prototype][x]=1", "a=1&a=2", "&&&", "=");
  return fc.tuple(fc.tuple(...declared), raw).map(([parts, extra]) => [...parts, extra].filter(Boolean).join("&"));
}

// What an HTTP client can put in a header value: visible ASCII and Latin-1 bytes (not DEL).
const HEADER_CHARS = fc.string({ unit: fc.oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 300 });

function bodyFor(operation: Operation): fc.Arbitrary<{ bytes: Buffer; contentType?: string }> {
  const json = operation.body
    ? fc.oneof({ weight: 1, arbitrary: cleanFromSchema(operation.body) }, { weight: 2, arbitrary: fromSchema(operation.body) })
    : fc.oneof(fc.constant({}), hostileValue);
  const text = fc.oneof(
    { weight: 8, arbitrary: json.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 1, arbitrary: fc.tuple(json, fc.nat()).map(([v, cut]) => { const t = JSON.stringify(v) ?? "{"; return t.slice(0, cut % (t.length + 1)); }) },
    { weight: 1, arbitrary: fc.constantFrom("{", "[", '{"a":}', "{'a':1}", "nul", '{"a":"\u0000"}', '{"a":1,}', "\ufeff{}", "", " ", '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}') },
  );
  const encoded = fc.oneof(
    { weight: 9, arbitrary: text.map((t) => Buffer.from(t, "utf8")) },
    // Raw invalid UTF-8: a CESU-encoded lone surrogate, stray continuation and overlong bytes.
    { weight: 1, arbitrary: text.map((t) => Buffer.concat([Buffer.from(t.slice(0, -1), "utf8"), Buffer.from([0xed, 0xa0, 0x80, 0xc0, 0x80, 0xff]), Buffer.from(t.slice(-1), "utf8")])) },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant("application/json") },
    { weight: 2, arbitrary: fc.constantFrom(undefined, "text/plain", "application/yaml", "text/x-yaml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/octet-stream", "*/*", "application/json;;;") },
  );
  return fc.tuple(encoded, contentType).map(([bytes, type]) => ({ bytes, contentType: type }));
}

/** One request against the operation, with a valid key most of the time. */
export function requestFor(operation: Operation, key: string, known: KnownIds): fc.Arbitrary<FuzzRequest> {
  const ids = fc.tuple(...operation.pathParams.map((name) => pathIdFor(operation, name, known)));
  const hasBody = ["POST", "PUT", "PATCH"].includes(operation.method);
  const auth = fc.oneof(
    { weight: 8, arbitrary: fc.constant({ auth: "valid" as const, headers: { authorization: `Bearer ${key}` } }) },
    { weight: 1, arbitrary: fc.constant({ auth: "valid" as const, headers: { "x-api-key": key } }) },
    { weight: 1, arbitrary: fc.constant({ auth: "none" as const, headers: {} }) },
    { weight: 1, arbitrary: fc.oneof(HEADER_CHARS.map((v) => `Bearer ${v}`), HEADER_CHARS, fc.constantFrom("Bearer", "Bearer ", "Basic Zm9vOmJhcg==", `Bearer ${key}x`, `Bearer ${key.slice(0, -1)}`)).map((v) => ({ auth: "bad" as const, headers: { authorization: v } })) },
  );
  const extraHeaders = fc.record(
    { "idempotency-key": HEADER_CHARS, "x-request-id": HEADER_CHARS, "x-session-id": HEADER_CHARS, "x-approval-id": HEADER_CHARS },
    { requiredKeys: [] },
  );
  const method = fc.oneof({ weight: 19, arbitrary: fc.constant(operation.method) }, { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE") });
  return fc.record({ ids, query: queryFor(operation), auth, extraHeaders, body: hasBody ? bodyFor(operation) : fc.constant(undefined), method }).map((r) => {
    let i = 0;
    const path = operation.path.replace(/\{\w+\}/g, () => r.ids[i++]!);
    const headers: Record<string, string> = { ...r.extraHeaders, ...r.auth.headers };
    const canHaveBody = r.method !== "GET" && r.method !== "DELETE" && r.body !== undefined;
    if (canHaveBody && r.body!.contentType) headers["content-type"] = r.body!.contentType;
    return {
      method: r.method,
      url: r.query ? `${path}?${r.query}` : path,
      headers,
      body: canHaveBody ? r.body!.bytes : undefined,
      auth: r.auth.auth,
    };
  });
}

type OpenApi = { paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };

/** Every operation of the document. */
export function operationsOf(document: OpenApi): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
      query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema })),
      body: op.requestBody?.content["application/json"]?.schema,
    })),
  );
}
