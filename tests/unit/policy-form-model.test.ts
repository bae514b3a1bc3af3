// The policy editor's rule builder holds a document as text inputs: reading a document into the
// form and writing it back must give the same document, or saving from the builder would
// silently change a policy nobody edited.
import { describe, expect, it } from "vitest";
import { anchorOf, toDocument, toForm, valueText } from "@/app/w/[slug]/policies/[id]/form-model";
import { PRESETS } from "@/lib/policies/presets";
import { PolicyDocumentSchema, type PolicyDocument } from "@/lib/policies/schemas";

const roundTrip = (document: PolicyDocument) => PolicyDocumentSchema.parse(toDocument(toForm(document)));

const everyField: PolicyDocument = PolicyDocumentSchema.parse({
  name: "Research crew",
  description: "every field the builder shows, and the two it only carries (rate_limit, per_crew)",
  target: { kind: "crew", crew_id: "crw_01JD0000000000000000000000" },
  default: "BLOCK",
  rules: [
    {
      id: "no-prod-writes",
      description: "writes to production wait for a human",
      kinds: ["tool_call", "code_execution"],
      tools: ["db.*", "send_*"],
      agents: ["writer"],
      crews: ["research"],
      when: [
        { path: "env", op: "equals", value: "prod" },
        { path: "table", op: "in", value: ["users", "a,b", "42"] },
        { path: "query", op: "regex", value: "123" },
        { path: "rows", op: "gt", value: 1000 },
        { path: "dry_run", op: "exists" },
      ],
      effect: "ESCALATE",
      reason: { code: "PROD_WRITE", message: "Writes to production need a reviewer" },
      approval: { expires_in: 600, two_person_above: 100 },
    },
    { id: "cap-search", kinds: ["tool_call"], tools: ["web_search"], effect: "CONSTRAIN", constraint: { cap: [{ path: "max_results", max: 10 }], redact: ["api_key"] } },
    { id: "llm-velocity", kinds: ["llm_call"], effect: "ESCALATE", rate_limit: { max: 40, per: "minute", per_crew: true } },
    { id: "log-reads", kinds: ["secret_read"], effect: "LOG" },
  ],
  payments: {
    max_single: 25.5,
    hourly_budget: 50,
    daily_budget: 200,
    escalate_above: 10,
    trusted_recipients: [],
    blocked_domains: ["evil.example"],
    allowed_currencies: ["USD", "EUR"],
    max_requests_per_minute: 5,
    operating_hours: { start: "09:00", end: "17:00", time_zone: "Europe/Berlin", days: ["mon", "fri"] },
    expires_at: "2027-01-01T00:00:00Z",
    suspicious_pattern: { same_recipient: 2, within_minutes: 10 },
    approval: { expires_in: 3600, two_person_above: 20 },
    per_crew: true,
  },
  code: {
    languages: ["python", "bash"],
    max_code_bytes: 65536,
    allowed_modules: ["json", "pandas"],
    denied_modules: ["os", "subprocess"],
    allowed_operations: ["import", "file_read"],
    denied_operations: ["process", "network"],
    read_paths: ["./data/**"],
    write_paths: ["./out/**"],
    network_hosts: ["*.internal"],
    on_violation: "ESCALATE",
    on_unknown_target: "BLOCK",
    on_obfuscation: "ESCALATE",
    on_parse_error: "ESCALATE",
    runtime: { time_limit_s: 30, memory_mb: 512, network: false, writable_paths: ["./out"] },
  },
});

describe("the policy editor's form model", () => {
  it.each(Object.entries(PRESETS))("reads the %s preset into the form and writes it back unchanged", (_name, preset) => {
    const document = PolicyDocumentSchema.parse(preset);
    expect(roundTrip(document)).toEqual(document);
  });

  it("writes back every field of a document unchanged, including the rate limit and per_crew it only carries", () => {
    expect(roundTrip(everyField)).toEqual(everyField);
  });

  it("reads every field of the code section into its inputs and writes them back", () => {
    const form = toForm(everyField);
    expect(form.hasCode).toBe(true);
    expect(form.code).toMatchObject({ languages: ["python", "bash"], max_code_bytes: "65536", denied_modules: "os, subprocess", allowedOperations: ["import", "file_read"], on_unknown_target: "BLOCK", timeLimit: "30", network: "off", writablePaths: "./out" });
    expect(toDocument(form).code).toEqual(everyField.code);
  });

  it("keeps an empty allowed_operations list (no operation allowed), and leaves empty code inputs out", () => {
    const onlyDefaults = PolicyDocumentSchema.parse({ ...everyField, code: { allowed_operations: [] } });
    expect(roundTrip(onlyDefaults).code).toEqual(onlyDefaults.code);
    expect(toDocument(toForm(onlyDefaults)).code).toEqual({ allowed_operations: [], on_violation: "BLOCK", on_unknown_target: "ESCALATE", on_obfuscation: "BLOCK", on_parse_error: "BLOCK" });
  });

  it("adds a code section with the schema's defaults when Check code is turned on, and drops it when turned off", () => {
    const form = toForm(PolicyDocumentSchema.parse(PRESETS.balanced));
    expect(form.hasCode).toBe(false);
    form.hasCode = true;
    form.code.denied_modules = "subprocess";
    form.code.timeLimit = "10";
    expect(PolicyDocumentSchema.parse(toDocument(form)).code).toEqual({ denied_modules: ["subprocess"], on_violation: "BLOCK", on_unknown_target: "ESCALATE", on_obfuscation: "BLOCK", on_parse_error: "BLOCK", runtime: { time_limit_s: 10 } });
    form.hasCode = false;
    expect(toDocument(form)).not.toHaveProperty("code");
  });

  it("keeps an empty trusted_recipients list (nobody trusted), and leaves the list out when it is absent", () => {
    expect(roundTrip(everyField).payments?.trusted_recipients).toEqual([]);
    expect(roundTrip(PolicyDocumentSchema.parse(PRESETS.balanced)).payments).not.toHaveProperty("trusted_recipients");
  });

  it("shows a string that would read as JSON quoted, and a list item with a comma as a JSON list", () => {
    expect(valueText("42", "equals")).toBe('"42"');
    expect(valueText("prod", "equals")).toBe("prod");
    expect(valueText(["users", "orders"], "in")).toBe("users, orders");
    expect(valueText(["a,b", "c"], "in")).toBe('["a,b","c"]');
    expect(valueText("123", "regex")).toBe("123");
  });

  it("passes values the schema refuses on as typed, so the server names the field", () => {
    const form = toForm(PolicyDocumentSchema.parse(PRESETS.balanced));
    form.payments.max_single = "lots";
    const result = PolicyDocumentSchema.safeParse(toDocument(form));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["payments", "max_single"]);
  });

  it("passes a code field the schema refuses on as typed, so the server names code.max_code_bytes", () => {
    const form = toForm(everyField);
    form.code.max_code_bytes = "lots";
    const result = PolicyDocumentSchema.safeParse(toDocument(form));
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["code", "max_code_bytes"]]);
  });

  it("shows an error at the input it belongs to", () => {
    expect(anchorOf("rules.0.tools.2")).toBe("rules.0.tools");
    expect(anchorOf("rules.1.when.0")).toBe("rules.1.when.0.value");
    expect(anchorOf("rules.0.reason")).toBe("rules.0.reason.code");
    expect(anchorOf("rules.2.constraint.cap")).toBe("rules.2.constraint");
    expect(anchorOf("target")).toBe("target.kind");
    expect(anchorOf("payments.operating_hours.days.1")).toBe("payments.operating_hours.days");
    expect(anchorOf("code.max_code_bytes")).toBe("code.max_code_bytes");
    expect(anchorOf("code.denied_modules.1")).toBe("code.denied_modules");
    expect(anchorOf("code.languages.0")).toBe("code.languages");
    expect(anchorOf("code.network_hosts.0")).toBe("code.network_hosts");
    expect(anchorOf("code.runtime.writable_paths.2")).toBe("code.runtime.writable_paths");
  });
});
