import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseWith, zodToAppError } from "@/lib/http/validation";

const Schema = z.strictObject({
  name: z.string().min(1, "must not be empty"),
  limits: z.object({ daily: z.number().int().nonnegative() }).optional(),
  tags: z.array(z.string()).optional(),
});

function errorOf(value: unknown, location: "body" | "query" | "params" = "body"): AppError {
  try {
    parseWith(Schema, value, location);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("validation errors", () => {
  it("returns the parsed value when the input is valid", () => {
    expect(parseWith(Schema, { name: "a", tags: ["x"] }, "body")).toEqual({ name: "a", tags: ["x"] });
  });

  it("are 400 invalid_request with error, code, field and reason", () => {
    const error = errorOf({ name: "" });
    expect(error.status).toBe(400);
    expect(error.toBody()).toEqual({
      error: "Invalid name: must not be empty",
      code: "invalid_request",
      field: "name",
      reason: "must not be empty",
    });
  });

  it("say 'is required' for a missing field", () => {
    expect(errorOf({}).toBody()).toMatchObject({ field: "name", reason: "is required" });
  });

  it("name the expected and received types for a wrong type", () => {
    expect(errorOf({ name: 5 }).toBody()).toMatchObject({ field: "name", reason: "expected string, received number" });
  });

  it("name nested fields with dots and array items by index", () => {
    expect(errorOf({ name: "a", limits: { daily: -1 } }).fields.field).toBe("limits.daily");
    expect(errorOf({ name: "a", tags: ["ok", 3] }).fields.field).toBe("tags.1");
  });

  it("name the location when the whole input is wrong", () => {
    expect(errorOf(null, "body").toBody()).toMatchObject({ field: "body", reason: "expected object, received null" });
    expect(errorOf([], "query").fields.field).toBe("query");
    expect(errorOf("x", "params").fields.field).toBe("params");
  });

  it("name the first unknown field of a strict object as the field", () => {
    expect(errorOf({ name: "a", admin: true, role: "x" }).toBody()).toMatchObject({ field: "admin", reason: "is not a known field" });
  });

  it("do not strip the 'Invalid input:' wording into an empty reason", () => {
    const reason = zodToAppError(z.string().safeParse(1).error!, "body").fields.reason;
    expect(reason).toBe("expected string, received number");
  });
});
