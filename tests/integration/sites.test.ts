import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST as startRunRoute } from "@/app/api/iperf/runs/route";
import { DELETE as deleteRouteRoute, POST as addRouteRoute } from "@/app/api/sites/routes/route";
import { GET as sitesRoute } from "@/app/api/sites/route";
import { collectHost } from "@/lib/jobs/collect";
import { submitIperfRun, waitForIperfRun } from "@/lib/jobs/iperf/queue";
import { createHost, updateHost } from "@/lib/queries/hosts";
import { getIperfRunDetail } from "@/lib/queries/iperf-runs";
import { createIperfSchedule } from "@/lib/queries/iperf-schedules";
import { listSiteRoutes } from "@/lib/queries/sites";
import type { IperfParams } from "@/lib/domain/iperf";
import { labKey, readLab, startWithNoHosts, type LabHost } from "./lab";

// Two lab hosts placed at two sites: iperf between them is refused until the user declares a
// route, runs for real once one is declared, and is refused again when it is removed.
let home: { id: number; host: LabHost };
let parents: { id: number; host: LabHost };

const params = (): IperfParams => ({
  clientHostId: home.id,
  serverHostId: parents.id,
  durationSec: 1,
  parallel: 1,
  protocol: "tcp",
  direction: "both",
  omitSec: 0,
  simultaneous: false,
});
const call = (handler: (req: Request, ctx: never) => Promise<Response>, method: string, path: string, body?: unknown) =>
  handler(new Request(`http://localhost${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }), undefined as never);

beforeAll(async () => {
  await startWithNoHosts();
  const l = readLab();
  const plain = l.hosts.filter((h) => h.roles.length === 0);
  const [a, b] = plain.length >= 2 ? plain : l.hosts;
  const privateKey = labKey(l);
  // One placed on create (folded to lower case as the form does), one moved by an edit.
  const h1 = await createHost({ name: `site-${a!.name}`, address: a!.address, port: a!.port, username: a!.username, platform: "auto", privateKey, site: "home" });
  const h2 = await createHost({ name: `site-${b!.name}`, address: b!.address, port: b!.port, username: b!.username, platform: "auto", privateKey });
  expect(h2.site).toBe("default");
  expect((await updateHost(h2.id, { site: "parents" })).site).toBe("parents");
  home = { id: h1.id, host: a! };
  parents = { id: h2.id, host: b! };
  // The runner reads the server's address from its snapshot.
  for (const id of [h1.id, h2.id]) expect((await collectHost(id)).status).toBe("ok");
});

afterAll(async () => {
  for (const r of await listSiteRoutes()) await call(deleteRouteRoute, "DELETE", "/api/sites/routes", { siteA: r.siteA, siteB: r.siteB });
});

describe("iperf between two sites", () => {
  test("is refused with a 409 naming both hosts and their sites, and nothing is queued", async () => {
    const res = await call(startRunRoute, "POST", "/api/iperf/runs", params());
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe("cross_site");
    expect(body.error.message).toBe(
      `site-${home.host.name} is at site "home" and site-${parents.host.name} at site "parents": netdiag tests between two sites only when a route between them is declared (Settings, Sites)`,
    );
    expect(body.error.fields.serverHostId).toBe(body.error.message);
    await expect(createIperfSchedule({ ...params(), intervalMinutes: 60, enabled: true }, new Date())).rejects.toThrow(/between two sites/);
  });

  test("runs both directions once a route is declared (in either order), and is refused again when it is removed", async () => {
    const added = await call(addRouteRoute, "POST", "/api/sites/routes", { siteA: "Parents", siteB: "home" });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ siteA: "home", siteB: "parents" });
    const sites = await (await call(sitesRoute, "GET", "/api/sites")).json();
    expect(sites.sites).toEqual(expect.arrayContaining([expect.objectContaining({ name: "home", hosts: 1 }), expect.objectContaining({ name: "parents", hosts: 1 })]));
    expect(sites.routes).toEqual([expect.objectContaining({ siteA: "home", siteB: "parents" })]);

    const run = await submitIperfRun(params());
    await waitForIperfRun(run.id);
    const done = await getIperfRunDetail(run.id);
    expect(done.status).toBe("done");
    expect(done.forward?.bitsPerSecond).toBeGreaterThan(0);
    expect(done.reverse?.bitsPerSecond).toBeGreaterThan(0);

    expect((await call(deleteRouteRoute, "DELETE", "/api/sites/routes", { siteA: "home", siteB: "parents" })).status).toBe(204);
    expect((await call(startRunRoute, "POST", "/api/iperf/runs", params())).status).toBe(409);
  });

  test("a bad route is a 400 naming the field; removing an undeclared one is a 404", async () => {
    const bad = await call(addRouteRoute, "POST", "/api/sites/routes", { siteA: "home", siteB: "my house" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual({ siteB: "Second site: Use lower-case letters, digits, dots, dashes or underscores (at most 40)" });
    const same = await call(addRouteRoute, "POST", "/api/sites/routes", { siteA: "home", siteB: "HOME" });
    expect([same.status, (await same.json()).error.fields]).toEqual([400, { siteB: "Pick another site" }]);
    const gone = await call(deleteRouteRoute, "DELETE", "/api/sites/routes", { siteA: "home", siteB: "nowhere" });
    expect(gone.status).toBe(404);
  });
});
