import { afterEach, expect, test } from "vitest";
import { getDb } from "@/lib/db";
import { acceptOfferedHostKey, createHost, getHost, pinHostKeyIfUnchanged, recordOfferedHostKey } from "@/lib/queries/hosts";
import { labKey, readLab, startWithNoHosts } from "./lab";

// The pin is written by collections (first use, a changed key offered) and by the user
// (accepting a changed key), possibly at the same moment: every write is a compare-and-set,
// so none silently undoes another.
const fp = (c: string) => `SHA256:${c.repeat(43)}`;

// To put the collection's write exactly between the accept's read and its write, the test
// swaps the process's Prisma client for one that runs `afterRead` once after a host read.
const store = () => (globalThis as { __netdiag?: Map<string, unknown> }).__netdiag!;
let original: unknown;
let afterRead: (() => Promise<void>) | null = null;

async function interceptHostReads() {
  const base = await getDb();
  original = store().get("db");
  const ext = base.$extends({
    query: {
      host: {
        async findUnique({ args, query }) {
          const row = await query(args);
          const hook = afterRead;
          afterRead = null;
          if (hook) await hook();
          return row;
        },
      },
    },
  });
  store().set("db", Promise.resolve(ext));
}

afterEach(() => {
  afterRead = null;
  if (original) store().set("db", original);
});

test("a key the host offers while the user accepts the previous one is kept for the user to judge, not silently dropped", async () => {
  await startWithNoHosts();
  const l = readLab();
  const h = l.hosts[0]!;
  const { id } = await createHost({ name: "pin-race", address: h.address, port: h.port, username: h.username, platform: "auto", privateKey: labKey(l) });
  expect(await pinHostKeyIfUnchanged(id, null, fp("A"), "ssh-ed25519")).toBe(true);
  await recordOfferedHostKey(id, fp("B"), "ssh-ed25519", new Date());
  await interceptHostReads();

  // The user accepts B, the key they compared; right after netdiag read the host row, a
  // collection meets yet another key, C.
  afterRead = () => recordOfferedHostKey(id, fp("C"), "ssh-ed25519", new Date());
  await expect(acceptOfferedHostKey(id, fp("B"))).rejects.toThrow(/not the one the host offered last/);
  expect(await getHost(id)).toMatchObject({ hostKeyFingerprint: fp("A"), hostKeyState: "changed" });

  // Accepting what the host offers now works, and a first-use pin from a run that started
  // before that decision does not overwrite it.
  expect(await acceptOfferedHostKey(id, fp("C"))).toMatchObject({ hostKeyFingerprint: fp("C"), hostKeyState: "pinned" });
  expect(await pinHostKeyIfUnchanged(id, null, fp("D"), "ssh-ed25519")).toBe(false);
  expect((await getHost(id)).hostKeyFingerprint).toBe(fp("C"));
});
