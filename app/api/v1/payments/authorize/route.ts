import { otherMethods, withKeyInCall } from "@/lib/http/with-api-key";
import { authorizePayment } from "@/lib/payments/authorize-payment";
import { AuthorizePaymentSchema } from "@/lib/payments/schemas";

export const POST = withKeyInCall({ scope: "payments:write", body: AuthorizePaymentSchema }, async ({ body, principal }) =>
  authorizePayment(principal, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
