// Next calls register() once when a server process starts. NEXT_RUNTIME is set by Next
// itself (not user configuration), so reading it here does not bypass lib/env.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureAdminFromEnv } = await import("@/lib/auth/session");
  await ensureAdminFromEnv();
  const { startScheduler } = await import("@/lib/jobs/scheduler");
  await startScheduler();
}
