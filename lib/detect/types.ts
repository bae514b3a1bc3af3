// What a detector reports: deterministic findings a policy can act on and a reviewer can read.
export type DetectionKind = "injection" | "exfiltration";

export type Detection = {
  /** Which detector fired, e.g. "instruction_override", "vault_value", "api_key". */
  detector: string;
  kind: DetectionKind;
  /** Why it fired, in words; never the secret or sensitive value itself. */
  explanation: string;
  /** Character offsets in the content [start, end), when the finding has one place. */
  span?: [number, number];
  /** The policy-facing label: "vault:STRIPE_KEY", "api_key:github", "card", "email". */
  label?: string;
};
