import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { authorizePayment } from "@/lib/payments/authorize-payment";
import { AuthorizePaymentSchema } from "@/lib/payments/schemas";

export const POST = withApiKey({ scope: "payments:write", body: AuthorizePaymentSchema }, async ({ body, key, workspaceId }) =>
  authorizePayment(workspaceId, body, { type: "api_key", id: key.id }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
