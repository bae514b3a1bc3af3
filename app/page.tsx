import { redirect } from "next/navigation";
import { currentUserId, userWorkspaces } from "@/lib/auth/current-member";

export const dynamic = "force-dynamic";

export default async function Home() {
  const userId = await currentUserId();
  if (!userId) redirect("/signin");
  const [first] = await userWorkspaces(userId);
  if (!first) redirect("/no-workspace");
  redirect(`/w/${first.slug}`);
}
