// The one wrapper for dashboard route handlers (downloads such as exports and reports): the
// signed-in member of the workspace in the URL, the role's permission checked on the server,
// errors answered as JSON like the API's.
import { memberOrThrow, type MemberContext } from "@/lib/auth/current-member";
import { roleCan, ROLE_LABELS, type Permission } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { observed } from "@/lib/metrics/observe-request";
import { errorResponse, requestIdFrom } from "./respond";

type Context = { params: Promise<{ slug: string }> };

export function memberRoute(permission: Permission, run: (request: Request, member: MemberContext) => Promise<Response>) {
  return observed(async (request: Request, context: Context): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    try {
      const member = await memberOrThrow((await context.params).slug);
      if (!roleCan(member.role, permission)) {
        throw new AppError("forbidden", `Your role (${ROLE_LABELS[member.role]}) does not allow this`);
      }
      const response = await run(request, member);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  });
}
