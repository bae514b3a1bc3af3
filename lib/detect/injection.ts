// Prompt-injection markers in tool output and peer messages: phrases that try to override the
// recipient's instructions, role switches into a system/assistant turn, text hidden from a human
// reader (zero-width and bidi control characters, HTML comments) and base64 blobs that decode to
// such instructions. Plain regular expressions: deterministic, and each finding says why.
import type { Detection } from "./types";

const OVERRIDE_PHRASES: RegExp[] = [
  /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|preceding|system)\s+(?:instructions|prompts?|rules|messages|directions)\b/i,
  /\byou\s+are\s+now\s+(?:in\s+)?(?:developer|dan|jailbreak|unrestricted)\b/i,
  /\bnew\s+(?:system\s+)?instructions\s*:/i,
  /\b(?:reveal|print|show|output)\s+(?:your|the)\s+(?:system\s+prompt|hidden\s+instructions)\b/i,
];

const ROLE_SWITCHES: RegExp[] = [
  /<\|im_start\|>\s*(?:system|assistant)/i,
  // [ \t]*, not \s*: from each of many newlines \s* would rescan the rest (quadratic).
  /^[ \t]*(?:system|assistant)[ \t]*:/im,
  /\[\/?(?:INST|SYS)\]|<<\/?SYS>>/,
  /<\/?(?:system|system_prompt)>/i,
];

// Zero-width space/joiners, word joiner, BOM, and the bidi embeddings, overrides and isolates.
const HIDDEN_CHARS = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/;
/** An HTML comment found with indexOf: a lazy regex rescans to the end from every unclosed "<!--". */
function htmlComment(content: string): [number, number] | null {
  const start = content.indexOf("<!--");
  const end = start < 0 ? -1 : content.indexOf("-->", start + 4);
  return end < 0 ? null : [start, end + 3];
}
const BASE64_BLOB = /[A-Za-z0-9+/]{24,}={0,2}/g;

const at = (match: RegExpExecArray | RegExpMatchArray): [number, number] => [match.index!, match.index! + match[0].length];

function firstMatch(patterns: RegExp[], text: string) {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match;
  }
  return null;
}

/** Instruction-override phrases and role switches in plain text (also used on decoded base64). */
function textMarkers(text: string): { detector: string; match: RegExpExecArray }[] {
  const override = firstMatch(OVERRIDE_PHRASES, text);
  const role = firstMatch(ROLE_SWITCHES, text);
  return [...(override ? [{ detector: "instruction_override", match: override }] : []), ...(role ? [{ detector: "role_switch", match: role }] : [])];
}

function decodedBase64Markers(content: string): Detection[] {
  const found: Detection[] = [];
  for (const blob of content.matchAll(BASE64_BLOB)) {
    const decoded = Buffer.from(blob[0], "base64").toString("utf8");
    // Only readable text can be an instruction; binary data decodes to control bytes.
    if (/[^\x09\x0A\x0D\x20-\x7E]/.test(decoded)) continue;
    const [marker] = textMarkers(decoded);
    if (marker) {
      found.push({ detector: "encoded_instruction", kind: "injection", span: at(blob), explanation: `A base64 blob decodes to an instruction (${marker.detector}: "${marker.match[0].trim()}")` });
    }
  }
  return found;
}

export function detectInjection(content: string): Detection[] {
  const found: Detection[] = [];
  for (const marker of textMarkers(content)) {
    const what = marker.detector === "role_switch" ? "switches to another role" : "tries to override the recipient's instructions";
    found.push({ detector: marker.detector, kind: "injection", span: at(marker.match), explanation: `The content ${what}: "${marker.match[0].trim()}"` });
  }
  const hidden = HIDDEN_CHARS.exec(content);
  if (hidden) {
    const code = hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    found.push({ detector: "hidden_characters", kind: "injection", span: at(hidden), explanation: `The content hides text with an invisible or bidi control character (U+${code})` });
  }
  const comment = htmlComment(content);
  if (comment) found.push({ detector: "html_comment", kind: "injection", span: comment, explanation: "The content carries an HTML comment, text a human reader does not see" });
  return [...found, ...decodedBase64Markers(content)];
}
