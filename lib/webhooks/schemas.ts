import { z } from "zod";
import { prefixedPathId } from "@/lib/http/path-params";

export const WEBHOOK_EVENTS = ["approval.requested", "approval.approved", "approval.denied", "approval.expired"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const CreateWebhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).default([...WEBHOOK_EVENTS]),
});
export type CreateWebhookInput = z.infer<typeof CreateWebhookSchema>;

export const WebhookIdParams = z.object({ id: prefixedPathId("whk_", "a webhook id") });
