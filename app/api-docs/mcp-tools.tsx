import { MCP_TOOLS } from "@/lib/mcp/warden-tools";

/** The MCP endpoint and its tools, listed from the table the server registers them from. */
export function McpTools() {
  return (
    <section aria-labelledby="mcp" className="mt-8">
      <h2 id="mcp" className="text-xl font-semibold">MCP</h2>
      <p className="mt-2 text-sm text-slate-600">
        <code>POST /api/mcp</code>: a Model Context Protocol server (Streamable HTTP, stateless), authenticated by the same API key
        headers. Each tool needs the key scope of its REST route; refusals are tool results with <code>isError: true</code> and the
        error&apos;s <code>code</code>.
      </p>
      <dl className="mt-4 grid gap-3">
        {MCP_TOOLS.map((tool) => (
          <div key={tool.name} className="card p-4">
            <dt className="font-mono text-sm font-semibold">
              {tool.name} <span className="font-normal text-slate-500">{tool.scope}</span>
            </dt>
            <dd className="mt-1 text-sm text-slate-700">{tool.description}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
