// Workspace roles. Admins configure, reviewers decide approvals, auditors read and export,
// viewers read. Checks happen on the server for every mutation.
import { Role } from "@/lib/generated/prisma/enums";

export { Role };
export const ROLES = [Role.ADMIN, Role.REVIEWER, Role.AUDITOR, Role.VIEWER] as const;

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  REVIEWER: "Reviewer",
  AUDITOR: "Auditor",
  VIEWER: "Viewer",
};

export type Permission = "workspace:manage" | "approvals:decide" | "audit:export" | "read";

const PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: ["workspace:manage", "approvals:decide", "audit:export", "read"],
  REVIEWER: ["approvals:decide", "read"],
  AUDITOR: ["audit:export", "read"],
  VIEWER: ["read"],
};

export function roleCan(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role].includes(permission);
}

export function rolePermissions(role: Role): readonly Permission[] {
  return PERMISSIONS[role];
}
