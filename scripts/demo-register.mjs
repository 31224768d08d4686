// Registers every lab host through netdiag's own API (as a user's script would), then
// collects them all and prints one line per host.
import fs from "node:fs";
import { connect } from "./api-client.mjs";

const [base, labFile] = process.argv.slice(2);
const lab = JSON.parse(fs.readFileSync(labFile, "utf8"));
const privateKey = fs.readFileSync(lab.clientKeyPath, "utf8");
const call = await connect(base, process.env.NETDIAG_ADMIN_USER, process.env.NETDIAG_ADMIN_PASSWORD);

for (const h of lab.hosts) {
  const { status, data } = await call("POST", "/api/hosts", {
    name: h.name,
    address: h.address,
    port: h.port,
    username: h.username,
    privateKey,
  });
  if (status === 201) console.log(`  added ${h.name} (${h.address})`);
  else if (status === 409) console.log(`  ${h.name} is already registered`);
  else throw new Error(`adding ${h.name} failed: ${status} ${JSON.stringify(data)}`);
}

const { data } = await call("POST", "/api/collect");
const { data: hosts } = await call("GET", "/api/hosts");
const names = new Map(hosts.items.map((h) => [h.id, h.name]));
for (const run of data.runs) {
  const name = names.get(run.hostId) ?? run.hostId;
  console.log(`  ${String(name).padEnd(10)} ${run.status}${run.error ? `: ${run.error}` : ""}`);
}
