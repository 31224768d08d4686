import fs from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { HostKeyMismatchError } from "./errors";
import { withTrustedSession, type HostKeyStore, type TrustedTarget } from "./trust";
import { makeKeys, openSessions, startSshd, type TestKeys, type TestSshd } from "./test-sshd";

vi.setConfig({ testTimeout: 60_000 });

let keys: TestKeys;
let otherKeys: TestKeys;
let sshd: TestSshd;
/** The "reinstalled" host: same users and keys, another host key. */
let reinstalled: TestSshd;

beforeAll(async () => {
  keys = makeKeys();
  otherKeys = makeKeys();
  fs.copyFileSync(`${keys.dir}/authorized_keys`, `${otherKeys.dir}/authorized_keys`);
  [sshd, reinstalled] = await Promise.all([startSshd(keys), startSshd(otherKeys)]);
}, 30_000);

afterAll(async () => {
  await Promise.all([sshd?.stop(), reinstalled?.stop()]);
  for (const k of [keys, otherKeys]) if (k) fs.rmSync(k.dir, { recursive: true, force: true });
});

afterEach(async () => {
  await expect.poll(() => [...openSessions(sshd), ...openSessions(reinstalled)], { timeout: 5000 }).toEqual([]);
});

/** One host row in memory, with the compare-and-set lib/queries is to implement. */
function memoryStore(initial: string | null = null) {
  const row = { fingerprint: initial, algorithm: null as string | null, offered: null as { fingerprint: string; algorithm: string; at: Date } | null };
  const calls: string[] = [];
  const store: HostKeyStore = {
    async pin(hostId, expectedCurrent, fingerprint, algorithm) {
      calls.push(`pin ${hostId} ${expectedCurrent} -> ${fingerprint}`);
      await Promise.resolve(); // a database round trip: other runs may interleave
      if (row.fingerprint !== expectedCurrent) return false;
      Object.assign(row, { fingerprint, algorithm, offered: null });
      return true;
    },
    async recordOffered(hostId, fingerprint, algorithm, at) {
      calls.push(`offered ${hostId} ${fingerprint}`);
      row.offered = { fingerprint, algorithm, at };
    },
  };
  return { store, row, calls };
}

const target = (server: TestSshd, pinnedFingerprint: string | null): TrustedTarget => ({
  hostId: 7,
  address: "127.0.0.1",
  port: server.port,
  username: "root",
  privateKey: keys.ed25519,
  pinnedFingerprint,
  connectTimeoutMs: 10_000,
  commandTimeoutMs: 15_000,
});

describe("withTrustedSession", () => {
  test("first use pins the key it saw; the next run with that pin matches and stores nothing", async () => {
    const { store, row, calls } = memoryStore();
    const first = await withTrustedSession(target(sshd, row.fingerprint), store, (s) => s.exec("echo hi"));
    expect(first.trust).toBe("pinned");
    expect(first.result.stdout).toBe("hi\n");
    expect(row).toMatchObject({ fingerprint: sshd.hostKeyFingerprint, algorithm: "ssh-ed25519" });
    expect(calls).toEqual([`pin 7 null -> ${sshd.hostKeyFingerprint}`]);

    const second = await withTrustedSession(target(sshd, row.fingerprint), store, (s) => s.exec("echo again"));
    expect(second).toMatchObject({ trust: "matched", result: { stdout: "again\n" } });
    expect(calls).toHaveLength(1);
  });

  test("a run whose work fails has pinned the key all the same", async () => {
    const { store, row } = memoryStore();
    const boom = new Error("collector failed");
    await expect(withTrustedSession(target(sshd, null), store, () => Promise.reject(boom))).rejects.toBe(boom);
    expect(row.fingerprint).toBe(sshd.hostKeyFingerprint);
  });

  test("a changed key is refused before anything runs, and the offered key is recorded", async () => {
    const { store, row, calls } = memoryStore(sshd.hostKeyFingerprint);
    let ran = false;
    const err = await withTrustedSession(target(reinstalled, row.fingerprint), store, async () => {
      ran = true;
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyMismatchError);
    expect(err).toMatchObject({ pinnedFingerprint: sshd.hostKeyFingerprint, offeredFingerprint: reinstalled.hostKeyFingerprint });
    expect(ran).toBe(false);
    expect(row.fingerprint).toBe(sshd.hostKeyFingerprint);
    expect(row.offered).toMatchObject({ fingerprint: reinstalled.hostKeyFingerprint, algorithm: "ssh-ed25519" });
    expect(row.offered?.at).toBeInstanceOf(Date);
    expect(calls).toEqual([`offered 7 ${reinstalled.hostKeyFingerprint}`]);
  });

  test("a compare-and-set that loses does not overwrite; the run's result stands", async () => {
    // The run read "nothing pinned"; meanwhile the user accepted another key.
    const { store, row } = memoryStore("SHA256:acceptedByTheUserMeanwhile");
    const run = await withTrustedSession(target(sshd, null), store, (s) => s.exec("echo done"));
    expect(run).toMatchObject({ trust: "pin-lost", result: { stdout: "done\n" } });
    expect(row.fingerprint).toBe("SHA256:acceptedByTheUserMeanwhile");
  });

  test("two first-use runs at once: one pins, the other loses the compare-and-set", async () => {
    const { store, row } = memoryStore();
    const runs = await Promise.all([1, 2].map(() => withTrustedSession(target(sshd, null), store, (s) => s.exec("true"))));
    expect(runs.map((r) => r.trust).sort()).toEqual(["pin-lost", "pinned"]);
    expect(row.fingerprint).toBe(sshd.hostKeyFingerprint);
  });

  test("a store that fails fails the call, and nothing runs", async () => {
    const dbDown = new Error("database is locked");
    const store: HostKeyStore = { pin: () => Promise.reject(dbDown), recordOffered: () => Promise.resolve() };
    let ran = false;
    await expect(withTrustedSession(target(sshd, null), store, async () => (ran = true))).rejects.toBe(dbDown);
    expect(ran).toBe(false);
  });
});
