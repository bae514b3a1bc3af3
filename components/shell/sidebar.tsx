"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { SignOutButton } from "./sign-out-button";

import type { Permission } from "@/lib/auth/roles";

// Every member reads every page; entries that exist to act (reports are exports) show only to
// roles that may use them. The server enforces the same permissions on every action and route.
const NAV: { href: string; label: string; permission?: Permission }[] = [
  { href: "", label: "Overview" },
  { href: "/agents", label: "Agents" },
  { href: "/sessions", label: "Sessions" },
  { href: "/crews", label: "Crews" },
  { href: "/policies", label: "Policies" },
  { href: "/approvals", label: "Approvals" },
  { href: "/executions", label: "Executions" },
  { href: "/conversations", label: "Conversations" },
  { href: "/gateway", label: "Gateway" },
  { href: "/audit", label: "Audit" },
  { href: "/reports", label: "Reports", permission: "audit:export" },
  { href: "/secrets", label: "Secrets" },
  { href: "/settings", label: "Settings" },
];

type Props = {
  workspace: { slug: string; name: string };
  workspaces: { slug: string; name: string }[];
  user: { email: string; name: string | null; roleLabel: string };
  permissions: readonly Permission[];
  /** Requests waiting for a decision, shown to those who may decide them (else null). */
  pendingApprovals: number | null;
};

export function Sidebar({ workspace, workspaces, user, permissions, pendingApprovals }: Props) {
  const pathname = usePathname();
  const router = useRouter();
  const base = `/w/${workspace.slug}`;
  return (
    <aside className="flex w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
      <div className="border-b border-slate-200 px-4 py-4">
        <Link href={base} className="text-lg font-bold text-brand-700">Warden</Link>
        <label htmlFor="workspace-switcher" className="mt-3 block text-xs font-medium uppercase text-slate-500">
          Workspace
        </label>
        <select
          id="workspace-switcher"
          className="input mt-1"
          value={workspace.slug}
          onChange={(event) => {
            router.push(`/w/${event.target.value}`);
          }}
        >
          {workspaces.map((w) => (
            <option key={w.slug} value={w.slug}>{w.name}</option>
          ))}
        </select>
      </div>
      <nav aria-label="Main" className="flex-1 space-y-0.5 px-2 py-3">
        {NAV.filter((item) => !item.permission || permissions.includes(item.permission)).map((item) => {
          const href = `${base}${item.href}`;
          const isActive = item.href === "" ? pathname === base : pathname.startsWith(href);
          return (
            <Link
              key={item.label}
              href={href}
              aria-current={isActive ? "page" : undefined}
              aria-description={item.href === "/approvals" && pendingApprovals ? `${pendingApprovals} waiting for your decision` : undefined}
              className={`flex items-center justify-between rounded-md px-3 py-2 text-sm font-medium ${
                isActive ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"
              }`}
            >
              {item.label}
              {item.href === "/approvals" && pendingApprovals ? (
                <span aria-hidden="true" className="rounded-full bg-amber-100 px-2 text-xs font-semibold text-amber-800" data-testid="pending-approvals-badge">
                  {pendingApprovals}
                </span>
              ) : null}
            </Link>
          );
        })}
      </nav>
      <div className="border-t border-slate-200 px-4 py-4">
        <div className="truncate text-sm font-medium" data-testid="current-user">{user.name ?? user.email}</div>
        <div className="truncate text-xs text-slate-500">{user.email}</div>
        <div className="mb-3 mt-1 text-xs text-slate-500" data-testid="current-role">{user.roleLabel}</div>
        <SignOutButton className="btn-secondary w-full" />
      </div>
    </aside>
  );
}
