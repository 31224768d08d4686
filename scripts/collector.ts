// npm run collector: a netdiag without the web UI that collects one site's hosts
// (NETDIAG_SITE) into the shared PostgreSQL database, for a site only reachable from inside it.
// The web server elsewhere shows what it collects. SIGTERM/SIGINT stop it cleanly: the Sites
// page then shows it stopped, and its site's collections wait for it (lib/domain/collectors.ts).
process.env.NETDIAG_ROLE ??= "collector";

async function main() {
  const { env } = await import("@/lib/env");
  const e = env();
  if (e.role !== "collector") throw new Error("npm run collector runs with NETDIAG_ROLE=collector (or unset)");
  const { startScheduler, stopScheduler } = await import("@/lib/jobs/scheduler");
  await startScheduler();
  console.log(`netdiag: collector for ${e.site === null ? "every site without a collector of its own" : `site "${e.site}"`} started (${e.databaseProvider})`);
  // The scheduler's timers do not hold the process open (a web server's requests do): this does.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`netdiag: collector stopping (${signal})`);
    void stopScheduler().finally(() => {
      clearInterval(keepAlive);
      process.exit(0);
    });
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  console.error("netdiag collector:", err instanceof Error ? err.message : err);
  process.exit(1);
});
