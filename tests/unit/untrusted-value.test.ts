// The checks every request body, path parameter and query value passes before zod: bounded
// nesting (without recursion), no NUL or lone surrogates, and only JSON values out of YAML.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseBodyAs, parseJsonBody } from "@/lib/http/read-body";
import { checkUntrustedValue, MAX_NESTING_DEPTH } from "@/lib/http/untrusted-value";

const nestedArrays = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth - 1) + "{}" + "}".repeat(depth - 1);

async function errorOf(run: () => unknown): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) {
      expect(error.status).toBe(400);
      return error.toBody();
    }
    throw error;
  }
  throw new Error("expected a 400");
}

describe("nesting depth", () => {
  it(`accepts ${MAX_NESTING_DEPTH} levels of arrays and of objects`, () => {
    expect(parseJsonBody(nestedArrays(MAX_NESTING_DEPTH))).toBeInstanceOf(Array);
    expect(parseJsonBody(nestedObjects(MAX_NESTING_DEPTH))).toHaveProperty("a");
  });

  it.each([MAX_NESTING_DEPTH + 1, 2_000, 100_000])("refuses %i levels with 400 naming the field body", async (depth) => {
    for (const text of [nestedArrays(depth), nestedObjects(depth)]) {
      expect(await errorOf(() => parseJsonBody(text))).toMatchObject({
        code: "invalid_request",
        field: "body",
        reason: `is nested deeper than ${MAX_NESTING_DEPTH} levels`,
      });
    }
  });

  it("counts levels inside objects and arrays alike", async () => {
    const value = JSON.parse(`{"rules": [${'{"a":'.repeat(MAX_NESTING_DEPTH)}1${"}".repeat(MAX_NESTING_DEPTH)}]}`) as unknown;
    expect((await errorOf(() => checkUntrustedValue(value, { root: "body" }))).field).toBe("body");
  });
});

describe("strings", () => {
  it("names the field holding a NUL, with dots and indexes", async () => {
    expect(await errorOf(() => parseJsonBody('{"a": {"b": ["ok", "x\\u0000y"]}}'))).toMatchObject({ field: "a.b.1" });
  });

  it("names a key holding a lone surrogate", async () => {
    expect(await errorOf(() => parseJsonBody('{"a": {"k\\ud800": 1}}'))).toMatchObject({ field: "a.k\ud800" });
  });

  it("names a path parameter or query value by its name", async () => {
    expect(await errorOf(() => checkUntrustedValue({ id: "\u0000" }, { root: "params" }))).toMatchObject({ field: "id" });
    expect(await errorOf(() => checkUntrustedValue({ wait: "\udfff" }, { root: "query" }))).toMatchObject({ field: "wait" });
  });

  it("keeps valid Unicode, including astral characters, untouched", () => {
    const value = { name: "caf\u00e9 \u{1F600}", list: ["\u4e2d"] };
    expect(checkUntrustedValue(value, { root: "body", isJsonOnly: true })).toBe(value);
  });
});

describe("values JSON cannot hold", () => {
  it.each([
    ["NaN", { n: Number.NaN }, "n"],
    ["Infinity", { n: [Number.POSITIVE_INFINITY] }, "n.0"],
    ["a Date", { d: new Date(0) }, "d"],
    ["a Map", { m: new Map() }, "m"],
    ["a Buffer", { b: Buffer.from("x") }, "b"],
    ["undefined", { u: undefined }, "u"],
  ])("refuses %s when only JSON is allowed", async (_label, value, field) => {
    expect(await errorOf(() => checkUntrustedValue(value, { root: "body", isJsonOnly: true }))).toMatchObject({ field });
  });

  it("lets server-action values JSON cannot hold through (React decodes them), still bounded", () => {
    const value = { at: new Date(0) };
    expect(checkUntrustedValue(value, { root: "body" })).toBe(value);
  });

  it("refuses a cyclic value as too deep instead of looping", async () => {
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(await errorOf(() => checkUntrustedValue(cycle, { root: "body" }))).toMatchObject({ field: "body" });
  });
});

describe("YAML bodies", () => {
  const yaml = (text: string) => parseBodyAs(text, "application/yaml");

  it("parses a policy written in YAML", async () => {
    expect(await yaml("name: p\nrules:\n  - id: r1\n")).toEqual({ name: "p", rules: [{ id: "r1" }] });
  });

  it.each([
    ["flow nesting that overflows the parser's stack", nestedArrays(5_000)],
    ["flow nesting past the limit", nestedArrays(MAX_NESTING_DEPTH + 1)],
    ["a cyclic alias", "&a [*a]"],
  ])("refuses %s with 400 naming the body", async (_label, text) => {
    expect(await errorOf(() => yaml(text))).toMatchObject({ code: "invalid_request", field: "body" });
  });

  it.each([
    ["an alias to no anchor", "a: *nowhere"],
    ["two documents", "a: 1\n---\nb: 2"],
  ])("refuses %s as invalid YAML", async (_label, text) => {
    expect(await errorOf(() => yaml(text))).toMatchObject({ field: "body", reason: expect.stringContaining("is not valid YAML") });
  });

  it.each([
    ["NaN", "n: .nan", "n"],
    ["infinity", "n: [-.inf]", "n.0"],
    ["a binary", "b: !!binary aGVsbG8=", "b"],
    ["a set", "s: !!set {x}", "s"],
    ["a timestamp", "t: !!timestamp 2001-01-01", "t"],
    ["a NUL escape", 'name: "a\\0b"', "name"],
  ])("refuses %s, which JSON cannot hold or PostgreSQL cannot store, naming the field", async (_label, text, field) => {
    expect(await errorOf(() => yaml(text))).toMatchObject({ field });
  });
});
