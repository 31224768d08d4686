import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/lib/db";
import { collectAll } from "@/lib/jobs/collect";
import { submitIperfRun, waitForIperfRun } from "@/lib/jobs/iperf/queue";
import { COLLECT_ALL } from "@/lib/domain/collectors";
import { collectIntervalChanged } from "@/lib/jobs/scheduler";
import { createHost } from "@/lib/queries/hosts";
import { getIperfRunDetail } from "@/lib/queries/iperf-runs";
import { getAppSettings, updateAppSettings } from "@/lib/queries/settings";
import { hostWithRole, labKey, readLab, type Lab, type LabHost, startWithNoHosts } from "./lab";

// Settings saved on the Settings page (stored, over the environment's values) are what the
// scheduler and the iperf verdicts use from then on.

let l: Lab;
const ids = new Map<string, number>();
const reset = { collectIntervalMinutes: null, dfProbeIntervalHours: null, asymmetryRatio: null, asymmetryMinGapMbps: null, linkSpeedRatio: null, retransmitPercent: null };

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  const privateKey = labKey(l);
  const shaped = hostWithRole(l, "shaped");
  const peer = l.hosts.find((h) => h.roles.length === 0) as LabHost;
  for (const h of [peer, shaped]) ids.set(h.name, (await createHost({ name: `set-${h.name}`, address: h.address, port: h.port, username: h.username, platform: "auto", privateKey })).id);
  await collectAll();
});

afterAll(async () => {
  await updateAppSettings(reset);
  await collectIntervalChanged();
});

describe("settings saved in the database", () => {
  test("start at the environment's values; a saved value wins; null goes back", async () => {
    const first = await getAppSettings();
    expect(first.values).toEqual(first.defaults);
    expect((await updateAppSettings({ dfProbeIntervalHours: 6 })).values.dfProbeIntervalHours).toBe(6);
    const back = await updateAppSettings({ dfProbeIntervalHours: null });
    expect(back.values.dfProbeIntervalHours).toBe(first.defaults.dfProbeIntervalHours);
    expect(back.saved).toEqual([]);
  });

  test("a new collection interval moves the next scheduled collection; 0 removes it", async () => {
    const db = await getDb();
    const now = new Date();
    await updateAppSettings({ collectIntervalMinutes: 30 });
    await collectIntervalChanged(now);
    const job = await db.scheduledJob.findUnique({ where: { key: COLLECT_ALL } });
    expect(job?.nextDueAt.getTime()).toBe(now.getTime() + 30 * 60_000);
    await updateAppSettings({ collectIntervalMinutes: 0 });
    await collectIntervalChanged(now);
    expect(await db.scheduledJob.findUnique({ where: { key: COLLECT_ALL } })).toBeNull();
  });

  test("an asymmetry ratio saved in Settings decides the next iperf run's verdict", async () => {
    const shaped = hostWithRole(l, "shaped");
    const peer = l.hosts.find((h) => h.roles.length === 0) as LabHost;
    const run = async () => {
      const queued = await submitIperfRun({ clientHostId: ids.get(peer.name)!, serverHostId: ids.get(shaped.name)!, durationSec: 2, parallel: 1, protocol: "tcp", direction: "both", omitSec: 0, simultaneous: false });
      await waitForIperfRun(queued.id);
      return getIperfRunDetail(queued.id);
    };
    // ~287 Mbit/s back against line rate: lopsided at the default 0.75...
    const flagged = await run();
    expect(flagged.status).toBe("done");
    expect(flagged.findings.map((f) => f.kind)).toContain("iperf-asymmetry");
    // ...not once the user accepts anything above 1 %
    await updateAppSettings({ asymmetryRatio: 0.01 });
    const accepted = await run();
    expect(accepted.status).toBe("done");
    expect(accepted.findings.map((f) => f.kind)).not.toContain("iperf-asymmetry");
  });
});
