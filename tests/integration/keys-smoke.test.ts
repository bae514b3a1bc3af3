import { describe, expect, it } from "vitest";
import { api, seedWorkspace } from "../helpers/api";

describe("keys API smoke", () => {
  it("lists the key that authenticated the request", async () => {
    const { key } = await seedWorkspace(["keys:read"]);
    const res = await api("GET", "/api/v1/keys", { key });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
    expect(res.body.keys[0].prefix).toBe(key.slice(0, 12));
  });
});
