// Two web servers on one PostgreSQL (scripts/test-production.sh): a second lab host is
// registered and collected through the second server, then one iperf test between the two hosts
// is asked through each server at once. Each server holds the test it was asked for (pg-boss);
// the hosts' claims make the second wait for the first instead of both running together.
import fs from "node:fs";
import { connect } from "./api-client.mjs";

const [baseA, baseB, labFile] = process.argv.slice(2);
const lab = JSON.parse(fs.readFileSync(labFile, "utf8"));
const [h1, h2] = lab.hosts;
const a = await connect(baseA, process.env.NETDIAG_ADMIN_USER, process.env.NETDIAG_ADMIN_PASSWORD);
const b = await connect(baseB, process.env.NETDIAG_ADMIN_USER, process.env.NETDIAG_ADMIN_PASSWORD);

const fail = (what, res) => {
  throw new Error(`${what}: ${res.status} ${JSON.stringify(res.data)}`);
};
const listed = await b("GET", "/api/hosts");
const first = listed.data.items.find((h) => h.name === `prod-${h1.name}`) ?? fail(`prod-${h1.name} is not listed by the second server`, listed);
const added = await b("POST", "/api/hosts", { name: `prod-${h2.name}`, address: h2.address, port: h2.port, username: h2.username, privateKey: fs.readFileSync(lab.clientKeyPath, "utf8") });
if (added.status !== 201) fail(`adding ${h2.name} through the second server failed`, added);
const run = await b("POST", `/api/hosts/${added.data.id}/collect`);
if (run.status !== 200 || run.data.status !== "ok") fail(`collecting ${h2.name} through the second server failed`, run);

const test = (clientHostId, serverHostId) => ({ clientHostId, serverHostId, durationSec: 2, parallel: 1, protocol: "tcp", direction: "forward", omitSec: 0, simultaneous: false });
const asked = await Promise.all([a("POST", "/api/iperf/runs", test(first.id, added.data.id)), b("POST", "/api/iperf/runs", test(added.data.id, first.id))]);
for (const r of asked) if (r.status !== 201) fail("queueing an iperf test failed", r);
const deadline = Date.now() + 120_000;
let runs;
for (;;) {
  runs = await Promise.all(asked.map((r, i) => [a, b][i]("GET", `/api/iperf/runs/${r.data.id}`)));
  if (runs.every((r) => !["queued", "running"].includes(r.data.status))) break;
  if (Date.now() > deadline) throw new Error(`the iperf tests did not finish within 2 min: ${runs.map((r) => r.data.status).join(", ")}`);
  // A script waiting on two servers' work: polling their API is the only way to see it.
  await new Promise((r) => setTimeout(r, 500));
}
const done = runs.map((r) => r.data).sort((x, y) => Date.parse(x.startedAt) - Date.parse(y.startedAt));
for (const r of done) if (r.status !== "done") throw new Error(`iperf run ${r.id} ended ${r.status}: ${r.error}`);
if (Date.parse(done[1].startedAt) < Date.parse(done[0].finishedAt)) throw new Error(`iperf runs ${done[0].id} and ${done[1].id} overlapped on one pair of hosts`);
console.log(`  two web servers: iperf runs ${done.map((r) => `${r.id} (${Math.round(r.forward.bitsPerSecond / 1e6)} Mbit/s)`).join(" then ")}, asked through one server each, ran one after the other`);
