// Next.js calls register() once per server process at start-up (not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerOrExit } = await import("./lib/setup/start-server");
  await startServerOrExit();
}
