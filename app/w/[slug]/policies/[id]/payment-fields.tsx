"use client";

// The payment rules (xBPP-style): limits, budgets, recipients, currencies, rate, hours, expiry,
// the repeated-recipient pattern and who approves escalated payments.
import { WEEKDAYS } from "@/lib/policies/schemas";
import type { PaymentsForm } from "./form-model";
import { Checkboxes, TextField, type ErrorAt } from "./form-fields";

type Props = { payments: PaymentsForm; onChange: (payments: PaymentsForm) => void; errorAt: ErrorAt; isReadOnly: boolean };

const AMOUNTS: { field: "max_single" | "hourly_budget" | "daily_budget" | "escalate_above"; label: string }[] = [
  { field: "max_single", label: "Max single payment" },
  { field: "hourly_budget", label: "Hourly budget" },
  { field: "daily_budget", label: "Daily budget" },
  { field: "escalate_above", label: "Escalate above" },
];

export function PaymentFields({ payments, onChange, errorAt, isReadOnly }: Props) {
  const set = <K extends keyof PaymentsForm>(field: K, value: PaymentsForm[K]) => onChange({ ...payments, [field]: value });
  const at = (field: string) => errorAt(`payments.${field}`);
  const common = { isReadOnly };
  return (
    <div className="space-y-3">
      <div className="grid gap-3 md:grid-cols-4">
        {AMOUNTS.map(({ field, label }) => (
          <TextField key={field} id={`payments-${field}`} label={label} inputMode="decimal" value={payments[field]} onChange={(v) => set(field, v)} error={at(field)} {...common} />
        ))}
      </div>
      <div className="grid gap-3 md:grid-cols-3">
        <div>
          <label className="mb-1 flex items-center gap-2 text-sm font-medium text-slate-700">
            <input type="checkbox" checked={payments.isTrustedOnly} onChange={(event) => set("isTrustedOnly", event.target.checked)} disabled={isReadOnly} />
            Escalate untrusted recipients
          </label>
          {payments.isTrustedOnly ? (
            <TextField id="payments-trusted" label="Trusted recipients" srOnlyLabel value={payments.trusted_recipients} onChange={(v) => set("trusted_recipients", v)} placeholder="Trusted recipients, comma-separated" hint="Payments to anyone else escalate; empty: every payment escalates." error={at("trusted_recipients")} {...common} />
          ) : (
            <p className="text-xs text-slate-500">Off: any recipient (not on a blocked domain).</p>
          )}
        </div>
        <TextField id="payments-blocked" label="Blocked domains" value={payments.blocked_domains} onChange={(v) => set("blocked_domains", v)} hint="Comma-separated, e.g. casino.example" error={at("blocked_domains")} {...common} />
        <TextField id="payments-currencies" label="Allowed currencies" value={payments.allowed_currencies} onChange={(v) => set("allowed_currencies", v)} hint="Comma-separated codes, e.g. USD, EUR" error={at("allowed_currencies")} {...common} />
      </div>
      <div className="grid gap-3 md:grid-cols-4">
        <TextField id="payments-rate" label="Max requests per minute" inputMode="numeric" value={payments.max_requests_per_minute} onChange={(v) => set("max_requests_per_minute", v)} error={at("max_requests_per_minute")} {...common} />
        <TextField id="payments-expires-at" label="Expires at" placeholder="2026-12-31T23:59:59Z" value={payments.expires_at} onChange={(v) => set("expires_at", v)} error={at("expires_at")} {...common} />
        <TextField id="payments-same-recipient" label="Same recipient, times" inputMode="numeric" value={payments.sameRecipient} onChange={(v) => set("sameRecipient", v)} hint="Suspicious pattern: escalates" error={at("suspicious_pattern.same_recipient")} {...common} />
        <TextField id="payments-within" label="…within minutes" inputMode="numeric" value={payments.withinMinutes} onChange={(v) => set("withinMinutes", v)} error={at("suspicious_pattern.within_minutes")} {...common} />
      </div>
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">Operating hours</legend>
        <div className="grid gap-3 md:grid-cols-3">
          <TextField id="payments-hours-start" label="From (HH:MM)" value={payments.hoursStart} onChange={(v) => set("hoursStart", v)} error={at("operating_hours.start")} {...common} />
          <TextField id="payments-hours-end" label="Until (HH:MM)" value={payments.hoursEnd} onChange={(v) => set("hoursEnd", v)} error={at("operating_hours.end")} {...common} />
          <TextField id="payments-hours-tz" label="Time zone" placeholder="Europe/Berlin" value={payments.hoursTimeZone} onChange={(v) => set("hoursTimeZone", v)} error={at("operating_hours.time_zone") ?? at("operating_hours")} {...common} />
        </div>
        <div className="mt-3">
          <Checkboxes id="payments-hours-days" legend="Days" options={WEEKDAYS} checked={payments.hoursDays} onChange={(days) => set("hoursDays", days)} hint="None checked: every day." error={at("operating_hours.days")} isReadOnly={isReadOnly} />
        </div>
      </fieldset>
      <div className="grid gap-3 md:grid-cols-3">
        <TextField id="payments-approval-expires" label="Approval expires in (seconds)" inputMode="numeric" value={payments.expiresIn} onChange={(v) => set("expiresIn", v)} error={at("approval.expires_in")} {...common} />
        <TextField id="payments-two-person" label="Two reviewers above (amount)" inputMode="decimal" value={payments.twoPersonAbove} onChange={(v) => set("twoPersonAbove", v)} error={at("approval.two_person_above")} {...common} />
      </div>
    </div>
  );
}
