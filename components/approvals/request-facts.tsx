// Presentational pieces of an approval request: its amount, the policy's reasons and the
// context the agent sent (parameters, conversation, who suggested it). No data access.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Reason = { code: string; message: string };

const isObject = (value: unknown): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);

export function formatAmount(amount: number | null, params: unknown): string | null {
  if (amount === null) return null;
  const currency = isObject(params) && typeof params.currency === "string" ? params.currency : "USD";
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 6 }).format(amount);
  } catch {
    return `${amount} ${currency}`; // not an ISO currency code: show it as sent
  }
}

function reasonsOf(reasons: unknown): Reason[] {
  if (!Array.isArray(reasons)) return [];
  return reasons.filter(isObject).map((r) => ({ code: String(r.code ?? ""), message: String(r.message ?? "") }));
}

/** The policy's reason codes and messages; a request raised by an agent has its own reason text. */
export function RequestReasons({ reasons, reason }: { reasons: unknown; reason: string }) {
  const list = reasonsOf(reasons);
  if (list.length === 0) return <p className="text-sm text-slate-700">{reason}</p>;
  return (
    <ul className="space-y-1">
      {list.map((r, i) => (
        <li key={`${r.code}-${i}`} className="flex flex-wrap items-baseline gap-x-2 text-sm text-slate-700">
          <code className="rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800">{r.code}</code>
          <span>{r.message}</span>
        </li>
      ))}
    </ul>
  );
}

function Value({ value }: { value: Json }) {
  if (typeof value === "string") return <span className="break-all">{value}</span>;
  if (value === null || typeof value !== "object") return <code className="text-xs">{JSON.stringify(value)}</code>;
  return <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">{JSON.stringify(value, null, 2)}</pre>;
}

/** A flat object as a definition list: parameters and details. */
function Fields({ label, value }: { label: string; value: unknown }) {
  if (!isObject(value) || Object.keys(value).length === 0) return null;
  return (
    <div>
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</h4>
      <dl className="mt-1 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
        {Object.entries(value).map(([key, v]) => (
          <div key={key} className="contents">
            <dt className="font-mono text-xs leading-5 text-slate-500">{key}</dt>
            <dd className="text-slate-800"><Value value={v} /></dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Parameters, the conversation that led to the action, other details and the suggester. */
export function RequestContext({ params, details, suggestedBy }: { params: unknown; details: unknown; suggestedBy: string | null }) {
  const { conversation, ...otherDetails } = isObject(details) ? details : {};
  const talk = isObject(conversation) ? conversation : null;
  return (
    <div className="space-y-3">
      <Fields label="Parameters" value={params} />
      {talk ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            Conversation
            {typeof talk.group === "string" ? <span className="normal-case tracking-normal"> · {talk.group}</span> : null}
            {typeof talk.turn === "number" ? <span className="normal-case tracking-normal"> · turn {talk.turn}</span> : null}
          </h4>
          {typeof talk.message === "string" ? (
            <blockquote className="mt-1 whitespace-pre-wrap break-words border-l-2 border-slate-300 pl-3 text-sm italic text-slate-700">{talk.message}</blockquote>
          ) : null}
        </div>
      ) : null}
      <Fields label="Details" value={otherDetails} />
      {suggestedBy ? (
        <p className="text-sm text-slate-700">
          Suggested by agent <code className="text-xs">{suggestedBy}</code> (the executing agent asked; the suggestion never decides)
        </p>
      ) : null}
    </div>
  );
}
