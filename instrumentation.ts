// Next calls register() once when a server process starts. NEXT_RUNTIME is set by Next
// itself (not user configuration), so reading it here does not bypass lib/env.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request is handled: login rate limits key on the socket's address.
  const { installPeerAddressHook } = await import("@/lib/auth/peer-hook");
  installPeerAddressHook();
  // The admin account from NETDIAG_ADMIN_USER, or else the first-run setup code in the log.
  const { prepareFirstRun } = await import("@/lib/auth/session");
  await prepareFirstRun();
  const { startScheduler } = await import("@/lib/jobs/scheduler");
  await startScheduler();
}
