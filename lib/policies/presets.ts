// Ready-made payment policies, from permissive to strict. They set payment rules only and allow
// other actions by default; add rules (or start from scratch: deny by default) for the rest.
import type { PolicyDocument } from "./schemas";

export const PRESETS = {
  aggressive: {
    name: "Payments: aggressive",
    description: "High limits for agents trusted to spend: escalates only large payments.",
    target: { kind: "all" },
    default: "ALLOW",
    rules: [],
    payments: { max_single: 1000, hourly_budget: 2500, daily_budget: 10_000, escalate_above: 500, max_requests_per_minute: 60, suspicious_pattern: { same_recipient: 5, within_minutes: 5 } },
  },
  balanced: {
    name: "Payments: balanced",
    description: "Moderate limits; a human approves payments above 50 and repeated payments to one recipient.",
    target: { kind: "all" },
    default: "ALLOW",
    rules: [],
    payments: { max_single: 100, hourly_budget: 250, daily_budget: 1000, escalate_above: 50, max_requests_per_minute: 20, allowed_currencies: ["USD"], suspicious_pattern: { same_recipient: 3, within_minutes: 5 } },
  },
  "risk-averse": {
    name: "Payments: risk-averse",
    description: "Small limits, office hours only, and a human approves every payment to an untrusted recipient; two reviewers above 20.",
    target: { kind: "all" },
    default: "ALLOW",
    rules: [],
    payments: {
      max_single: 25,
      hourly_budget: 50,
      daily_budget: 200,
      escalate_above: 10,
      max_requests_per_minute: 5,
      allowed_currencies: ["USD"],
      trusted_recipients: [],
      operating_hours: { start: "09:00", end: "17:00", time_zone: "UTC", days: ["mon", "tue", "wed", "thu", "fri"] },
      suspicious_pattern: { same_recipient: 2, within_minutes: 10 },
      approval: { expires_in: 3600, two_person_above: 20 },
    },
  },
} satisfies Record<string, PolicyDocument>;

export type PresetName = keyof typeof PRESETS;
