import type { Metadata } from "next";
import { z } from "zod";
import { API_ROUTES } from "@/lib/http/api-routes";
import { McpTools } from "./mcp-tools";

export const metadata: Metadata = { title: "Agent API" };

const METHOD_COLORS: Record<string, string> = {
  get: "bg-emerald-100 text-emerald-800",
  post: "bg-blue-100 text-blue-800",
  put: "bg-amber-100 text-amber-800",
  patch: "bg-amber-100 text-amber-800",
  delete: "bg-red-100 text-red-800",
};

const SDKS = [
  {
    name: "Python",
    package: "warden_sdk",
    path: "sdk/python",
    install: "pip install ./sdk/python",
    code: 'from warden_sdk import WardenClient\nwarden = WardenClient()  # WARDEN_API_KEY, WARDEN_BASE_URL\nsession = warden.create_session("researcher", scopes=["read", "spend"], spend_limit=50)',
    note: "Haldir's client method names and exceptions (HaldirClient works unchanged), governed tools, AutoGen and CrewAI adapters.",
  },
  {
    name: "TypeScript",
    package: "@warden/sdk",
    path: "sdk/typescript",
    install: "npm run sdk:build && npm install ./sdk/typescript",
    code: 'import { WardenClient } from "@warden/sdk";\nconst warden = new WardenClient(); // WARDEN_API_KEY, WARDEN_BASE_URL\nconst session = await warden.createSession({ agentId: "researcher", scopes: ["read", "spend"], spendLimit: 50 });',
    note: "Request types generated from this document, governed tools for the Vercel AI SDK and LangChain.js.",
  },
];

/** The SDKs in the repository, so an agent's developer starts from three lines, not raw HTTP. */
function ClientLibraries() {
  return (
    <section aria-labelledby="client-libraries" className="mt-8">
      <h2 id="client-libraries" className="text-xl font-semibold">Client libraries</h2>
      <p className="mt-2 text-sm text-slate-600">
        Both send an <code>Idempotency-Key</code> on every write, retry network errors and 5xx under it, and raise typed errors. Their
        documentation is in the repository (see also the README&apos;s &ldquo;Connect an agent&rdquo;).
      </p>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        {SDKS.map((sdk) => (
          <article key={sdk.name} className="card p-4">
            <h3 className="font-semibold">
              {sdk.name} <code className="text-sm font-normal">{sdk.package}</code>
            </h3>
            <p className="mt-1 text-xs text-slate-600">
              <code>{`${sdk.path}/README.md`}</code> · {sdk.note}
            </p>
            <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-3 text-xs">{`${sdk.install}\n\n${sdk.code}`}</pre>
          </article>
        ))}
      </div>
    </section>
  );
}

export default function ApiDocsPage() {
  const tags = [...new Set(API_ROUTES.map((r) => r.tag))];
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <h1 className="text-3xl font-semibold">Warden agent API</h1>
      <p className="mt-2 text-slate-600">
        Authenticate with <code>Authorization: Bearer &lt;key&gt;</code> or <code>X-API-Key</code>. Errors are{" "}
        <code>{`{"error", "code"}`}</code>; POSTs accept <code>Idempotency-Key</code>. Machine-readable:{" "}
        <a className="text-brand-600 underline" href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
      </p>
      <ClientLibraries />
      <McpTools />
      {tags.map((tag) => (
        <section key={tag} className="mt-10">
          <h2 className="text-xl font-semibold">{tag}</h2>
          <div className="mt-4 space-y-4">
            {API_ROUTES.filter((r) => r.tag === tag).map((route) => (
              <article key={`${route.method} ${route.path}`} className="card p-4">
                <div className="flex flex-wrap items-center gap-3">
                  <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_COLORS[route.method]}`}>{route.method}</span>
                  <code className="font-mono text-sm">{route.path}</code>
                  <span className="ml-auto text-xs text-slate-500">{route.scope ? `scope ${route.scope}` : "any key"}</span>
                </div>
                <p className="mt-2 text-sm text-slate-700">{route.summary}</p>
                {route.body || route.query ? (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm text-brand-700">{route.body ? "Request body" : "Query parameters"}</summary>
                    <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-3 text-xs">
                      {JSON.stringify(z.toJSONSchema((route.body ?? route.query)!, { io: "input", unrepresentable: "any" }), null, 2)}
                    </pre>
                  </details>
                ) : null}
                <ul className="mt-2 text-xs text-slate-600">
                  {Object.entries(route.responses).map(([status, text]) => (
                    <li key={status}><span className="font-mono">{status}</span> {text}</li>
                  ))}
                </ul>
              </article>
            ))}
          </div>
        </section>
      ))}
    </main>
  );
}
