// Splits one JSON object's text into its members' raw value texts, without parsing the values:
// an export line's `details` must be hashed exactly as written (a parse would turn 1.10 into
// 1.1), and its integers may exceed 2^53. Validates the JSON syntax as it scans.

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;

class Scanner {
  constructor(
    readonly text: string,
    public at = 0,
  ) {}

  fail(what: string): never {
    throw new SyntaxError(`${what} at character ${this.at + 1}`);
  }

  skipSpace(): void {
    WS.lastIndex = this.at;
    WS.exec(this.text);
    this.at = WS.lastIndex;
  }

  match(pattern: RegExp): string | null {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text);
    if (!found) return null;
    this.at = pattern.lastIndex;
    return found[0];
  }

  expect(ch: string): void {
    this.skipSpace();
    if (this.text[this.at] !== ch) this.fail(`expected '${ch}'`);
    this.at += 1;
  }

  /** Skips one value and returns its raw text. */
  value(): string {
    this.skipSpace();
    const start = this.at;
    const ch = this.text[this.at];
    if (ch === "{" || ch === "[") this.container(ch === "{" ? "}" : "]", ch === "{");
    else if (ch === '"') this.string();
    else if (!this.match(NUMBER) && !this.match(/true|false|null/y)) this.fail("expected a JSON value");
    return this.text.slice(start, this.at);
  }

  string(): string {
    return this.match(STRING) ?? this.fail("malformed string");
  }

  private container(close: string, isObject: boolean): void {
    this.at += 1;
    this.skipSpace();
    if (this.text[this.at] === close) {
      this.at += 1;
      return;
    }
    for (;;) {
      if (isObject) {
        this.skipSpace();
        this.string();
        this.expect(":");
      }
      this.value();
      this.skipSpace();
      const next = this.text[this.at];
      this.at += 1;
      if (next === close) return;
      if (next !== ",") this.fail(`expected ',' or '${close}'`);
    }
  }
}

/** The members of a JSON object text: key → raw value text, in order. Throws SyntaxError. */
export function objectMembers(text: string): Map<string, string> {
  const scanner = new Scanner(text);
  const members = new Map<string, string>();
  scanner.expect("{");
  scanner.skipSpace();
  if (text[scanner.at] === "}") scanner.at += 1;
  else {
    for (;;) {
      scanner.skipSpace();
      const key = JSON.parse(scanner.string()) as string;
      if (members.has(key)) scanner.fail(`duplicate key "${key}"`);
      scanner.expect(":");
      members.set(key, scanner.value());
      scanner.skipSpace();
      const next = text[scanner.at];
      scanner.at += 1;
      if (next === "}") break;
      if (next !== ",") scanner.fail("expected ',' or '}'");
    }
  }
  scanner.skipSpace();
  if (scanner.at !== text.length) scanner.fail("unexpected text after the object");
  return members;
}
