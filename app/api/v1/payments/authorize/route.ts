import { otherMethods, withKeyInCall } from "@/lib/http/with-api-key";
import { authorizePayment } from "@/lib/payments/authorize-payment";
import { AuthorizePaymentSchema } from "@/lib/payments/schemas";
import { countPaymentDecision } from "@/lib/metrics/count-decisions";

export const POST = withKeyInCall({ scope: "payments:write", body: AuthorizePaymentSchema }, async ({ body, principal }) =>
  countPaymentDecision(await authorizePayment(principal, body)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
