import { createCipheriv, randomBytes } from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import { resolveSecretKey } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { collectAll, collectHost } from "@/lib/jobs/collect";
import { createHost } from "@/lib/queries/hosts";
import { labKey, readLab, startWithNoHosts, type Lab } from "./lab";

// Stored credentials are bound to their host row and field: an envelope moved to another
// host (a tampered database, a bad restore, a SQL slip) does not log in there.
let l: Lab;
let a: number;
let b: number;

const row = async (id: number) => (await getDb()).host.findUniqueOrThrow({ where: { id }, select: { privateKeyEnc: true } });

beforeAll(async () => {
  await startWithNoHosts();
  l = readLab();
  const [ha, hb] = l.hosts as [Lab["hosts"][number], Lab["hosts"][number]];
  const key = labKey(l);
  a = (await createHost({ name: "sec-a", address: ha.address, port: ha.port, username: ha.username, platform: "auto", privateKey: key })).id;
  b = (await createHost({ name: "sec-b", address: hb.address, port: hb.port, username: hb.username, platform: "auto", privateKey: key })).id;
});

test("a private key copied into another host's row does not decrypt there: that host's run says so, the owner still collects", async () => {
  const db = await getDb();
  const stolen = (await row(a)).privateKeyEnc;
  expect(stolen).toMatch(/^v2:/);
  await db.host.update({ where: { id: b }, data: { privateKeyEnc: stolen } });

  // The whole sweep: one host's bad credential fails its own run only.
  const runs = new Map((await collectAll()).map((r) => [r.hostId, r]));
  const run = runs.get(b)!;
  expect(run).toMatchObject({ status: "failed", errorCode: "secret-decrypt" });
  expect(run.error).toMatch(/could not be decrypted: it was altered, copied from another host or field/);
  expect(run.error).not.toContain(labKey(l).split("\n")[1]!);
  expect(runs.get(a)).toMatchObject({ status: "ok" });
});

test("a secret stored before envelopes were bound (v1) still logs in, and is rewritten bound to its host on first use", async () => {
  const key = resolveSecretKey(env());
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from("netdiag-secret:v1"));
  const ct = Buffer.concat([cipher.update(labKey(l), "utf8"), cipher.final()]);
  const v1 = ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(":");
  await (await getDb()).host.update({ where: { id: a }, data: { privateKeyEnc: v1 } });

  expect(await collectHost(a)).toMatchObject({ status: "ok" });
  expect((await row(a)).privateKeyEnc).toMatch(/^v2:/);
  expect(await collectHost(a)).toMatchObject({ status: "ok" });
});
