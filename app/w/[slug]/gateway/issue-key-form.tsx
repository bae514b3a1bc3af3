"use client";

import { useState } from "react";
import { toast } from "sonner";
import { errorFor, useServerAction } from "@/components/forms/use-server-action";
import { CopyButton } from "@/components/ui/copy-button";
import { TextField } from "../crews/fields";
import { issueGatewayKeyAction } from "./actions";
import { optionalNumber } from "./number-input";

type Input = { name: string; agent_id: string; crew_id?: string; token_limit?: number; spend_limit?: number };
type Issued = { key: string; name: string; agent_id: string; session_id: string };
const FIELDS = ["name", "agent_id", "crew_id", "token_limit", "spend_limit"] as const;

/** Issues a gateway key for an agent; the key itself is shown once, with how to use it. */
/** exampleModel: a model of the price table, for the snippet (agents are refused any other). */
export function IssueKeyForm({ slug, currency, exampleModel }: { slug: string; currency: string; exampleModel: string }) {
  const [issued, setIssued] = useState<Issued | null>(null);
  const issue = useServerAction((input: Input) => issueGatewayKeyAction(slug, input), (data) => {
    setIssued(data);
    toast.success(`Issued gateway key ${data.name}`);
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const tokenLimit = optionalNumber(text("token_limit"));
    if (tokenLimit === "invalid") return issue.fail({ message: "Invalid token_limit: must be a whole number, e.g. 200000", field: "token_limit" });
    const spendLimit = optionalNumber(text("spend_limit"));
    if (spendLimit === "invalid") return issue.fail({ message: "Invalid spend_limit: must be a number, e.g. 25 or 9.50", field: "spend_limit" });
    issue.run(
      {
        name: text("name"),
        agent_id: text("agent_id"),
        ...(text("crew_id") ? { crew_id: text("crew_id") } : {}),
        ...(tokenLimit === null ? {} : { token_limit: tokenLimit }),
        ...(spendLimit === null ? {} : { spend_limit: spendLimit }),
      },
      { onSuccess: (result) => void (result.ok && formElement.reset()) },
    );
  }

  return (
    <div className="space-y-4">
      {issued ? <IssuedKey issued={issued} model={exampleModel} onDone={() => setIssued(null)} /> : null}
      <form onSubmit={onSubmit} noValidate aria-label="Issue a gateway key">
        <fieldset disabled={issue.isPending} className="space-y-4">
          <div className="grid gap-4 md:grid-cols-3">
            <TextField id="gwk-name" label="Name" error={errorFor(issue.error, "name", FIELDS)}
              input={{ name: "name", maxLength: 100, autoComplete: "off", placeholder: "researcher-prod" }} />
            <TextField id="gwk-agent" label="Agent id" hint="Registered on first use" error={errorFor(issue.error, "agent_id", FIELDS)}
              input={{ name: "agent_id", maxLength: 128, autoComplete: "off", spellCheck: false, placeholder: "researcher" }} />
            <TextField id="gwk-crew" label="Crew id" hint="Optional: the agent joins it" error={errorFor(issue.error, "crew_id", FIELDS)}
              input={{ name: "crew_id", autoComplete: "off", spellCheck: false, placeholder: "crw_…" }} />
            <TextField id="gwk-tokens" label="Token limit" hint="Optional: tokens the key may use" error={errorFor(issue.error, "token_limit", FIELDS)}
              input={{ name: "token_limit", inputMode: "numeric", autoComplete: "off", placeholder: "200000" }} />
            <TextField id="gwk-spend" label={`Spend limit (${currency})`} hint="Optional: money the key may spend" error={errorFor(issue.error, "spend_limit", FIELDS)}
              input={{ name: "spend_limit", inputMode: "decimal", autoComplete: "off", placeholder: "25" }} />
          </div>
          {errorFor(issue.error, undefined, FIELDS) ? <p role="alert" className="text-sm text-red-700">{errorFor(issue.error, undefined, FIELDS)}</p> : null}
          <button type="submit" className="btn-primary">{issue.isPending ? "Issuing…" : "Issue key"}</button>
        </fieldset>
      </form>
    </div>
  );
}

function IssuedKey({ issued, model, onDone }: { issued: Issued; model: string; onDone: () => void }) {
  const baseUrl = `${window.location.origin}/api/gateway/v1`;
  const snippet = [
    "from openai import OpenAI",
    `client = OpenAI(base_url="${baseUrl}", api_key="${issued.key}")`,
    `client.chat.completions.create(model="${model}", messages=[{"role": "user", "content": "Hello"}])`,
  ].join("\n");
  return (
    <div role="dialog" aria-labelledby="issued-key-title" className="rounded-md border border-green-300 bg-green-50 p-4" data-testid="issued-gateway-key">
      <h3 id="issued-key-title" className="font-semibold text-green-900">Gateway key “{issued.name}” for {issued.agent_id}</h3>
      <p className="mt-1 text-sm text-green-900">Copy it now: it is shown only once and cannot be recovered. Every call through it is charged to session {issued.session_id}.</p>
      <div className="mt-3 flex items-center gap-2">
        <code data-testid="new-gateway-key" className="flex-1 break-all rounded bg-white px-3 py-2 font-mono text-sm">{issued.key}</code>
        <CopyButton value={issued.key} />
      </div>
      <p className="mt-3 text-sm text-green-900">Base URL: <code className="rounded bg-white px-1" data-testid="gateway-base-url">{baseUrl}</code></p>
      <pre className="mt-2 overflow-x-auto rounded bg-white p-3 text-xs" aria-label="Python example">{snippet}</pre>
      <button type="button" className="btn-secondary mt-3" onClick={onDone}>I have saved it</button>
    </div>
  );
}
