import { SignOutButton } from "@/components/shell/sign-out-button";

export default function NoWorkspace() {
  return (
    <main className="mx-auto mt-24 max-w-md card p-8 text-center">
      <h1 className="text-lg font-semibold">You are not a member of any workspace</h1>
      <p className="mt-2 text-sm text-slate-600">Ask an admin of your organisation to invite you.</p>
      <div className="mt-6"><SignOutButton /></div>
    </main>
  );
}
