// The TypeScript SDK's read side of the code-execution gate against the real server:
// listExecutions sends camelCase filters as the API's snake_case query, getExecution reads one
// run, and refusals become the SDK's typed errors.
import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, PermissionError, ValidationError, type WardenClient } from "@/sdk/typescript/src/index";
import { createKey, seedWorkspace } from "../helpers/api";
import { rejectionOf, sdkClient } from "../helpers/sdk";

let slug: string;
let client: WardenClient;
beforeAll(async () => {
  const workspace = await seedWorkspace(["audit:read"]);
  slug = workspace.slug;
  client = sdkClient(workspace.key);
});

describe("WardenClient executions", () => {
  it("lists a workspace's executions as a page with its cursor, camelCase filters included", async () => {
    expect(await client.listExecutions()).toEqual({ count: 0, executions: [], next_cursor: null });
    expect(await client.listExecutions({ agentId: "runner", suggestedBy: "planner", decision: "BLOCK", result: "pending", limit: 5 })).toMatchObject({ count: 0 });
  });

  it("raises ValidationError naming the snake_case field of a bad filter", async () => {
    const error = await rejectionOf<ValidationError>(client.listExecutions({ suggestedBy: "" }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, field: "suggested_by" });
  });

  it("raises NotFoundError for a receipt the workspace does not hold, and TypeError for an empty one", async () => {
    expect(await rejectionOf(client.getExecution("aud_01JD0000000000000000000000"))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(client.getExecution(""))).toBeInstanceOf(TypeError);
  });

  it("raises PermissionError when the key lacks audit:read", async () => {
    const other = sdkClient(await createKey(slug, ["sessions:read"]));
    expect(await rejectionOf(other.listExecutions())).toBeInstanceOf(PermissionError);
  });
});
