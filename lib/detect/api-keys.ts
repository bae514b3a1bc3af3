// Credential shapes in content: the prefixes providers give their keys so they can be found
// in text (OpenAI/Anthropic sk-, AWS AKIA, GitHub ghp_/gho_/ghs_/github_pat_, Slack xox?-,
// PEM private key blocks). The finding names the shape, never the key.
import type { Detection } from "./types";

const SHAPES: { name: string; pattern: RegExp; what: string }[] = [
  { name: "openai", pattern: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/, what: "an OpenAI/Anthropic-style secret key (sk-…)" },
  { name: "aws", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, what: "an AWS access key id (AKIA…)" },
  { name: "github", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/, what: "a GitHub token (ghp_…)" },
  { name: "slack", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, what: "a Slack token (xox…-…)" },
  { name: "private_key", pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, what: "a private key block" },
];

export function detectApiKeys(content: string): Detection[] {
  const found: Detection[] = [];
  for (const shape of SHAPES) {
    const match = shape.pattern.exec(content);
    if (!match) continue;
    found.push({
      detector: "api_key",
      kind: "exfiltration",
      label: `api_key:${shape.name}`,
      span: [match.index, match.index + match[0].length],
      explanation: `The content contains ${shape.what}`,
    });
  }
  return found;
}
