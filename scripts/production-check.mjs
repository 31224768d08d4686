// The production check's client (scripts/test-production.sh): against a server installed and
// run as a non-root user, registers one lab host through the API and collects it.
import fs from "node:fs";
import { connect } from "./api-client.mjs";

const [base, labFile] = process.argv.slice(2);
const lab = JSON.parse(fs.readFileSync(labFile, "utf8"));
const h = lab.hosts[0];
const call = await connect(base, process.env.NETDIAG_ADMIN_USER, process.env.NETDIAG_ADMIN_PASSWORD);
const added = await call("POST", "/api/hosts", { name: `prod-${h.name}`, address: h.address, port: h.port, username: h.username, privateKey: fs.readFileSync(lab.clientKeyPath, "utf8") });
if (added.status !== 201) throw new Error(`adding ${h.name} failed: ${added.status} ${JSON.stringify(added.data)}`);
const run = await call("POST", `/api/hosts/${added.data.id}/collect`);
if (run.status !== 200 || run.data.status !== "ok") throw new Error(`collecting ${h.name} failed: ${run.status} ${JSON.stringify(run.data)}`);
const nics = await call("GET", `/api/hosts/${added.data.id}/interfaces`);
const names = nics.data.items.map((i) => i.name);
if (!names.includes("eth0")) throw new Error(`no eth0 among ${JSON.stringify(names)}`);
console.log(`  collected ${h.name} (${h.address}) ok: ${names.join(", ")}`);
