import "server-only";
import { getDb } from "@/lib/db";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";

// netdiag's own SSH key pair: generated once, the private key encrypted at rest like host
// credentials (bound to its own context, so no host's envelope opens it), the public key
// shown for the user to install on hosts.

const KEY = "netdiag-ssh-key";
type Stored = { publicKey: string; privateKeyEnc: string };

/** A new pair in OpenSSH formats; made by lib/jobs (the layer that may touch ssh2). */
export type KeyPairMaker = () => { privateKey: string; publicKey: string };

async function stored(make?: KeyPairMaker): Promise<Stored> {
  const db = await getDb();
  const read = async () => {
    const row = await db.setting.findUnique({ where: { key: KEY } });
    return row ? (JSON.parse(row.value) as Stored) : null;
  };
  const existing = await read();
  if (existing) return existing;
  if (!make) throw new Error("netdiag's SSH key has not been made yet: open the host form or Settings once");
  const pair = make();
  const value: Stored = { publicKey: pair.publicKey, privateKeyEnc: encryptSecret(pair.privateKey, { app: "sshKey" }) };
  try {
    await db.setting.create({ data: { key: KEY, value: JSON.stringify(value) } });
    return value;
  } catch (err) {
    // Two requests generated one at once: the first stored wins, everyone uses that one.
    const won = await read();
    if (won) return won;
    throw err;
  }
}

/** The line to append to a host's ~/.ssh/authorized_keys ("ssh-ed25519 AAAA… netdiag"). */
export async function getNetdiagPublicKey(make: KeyPairMaker): Promise<string> {
  return (await stored(make)).publicKey;
}

/** For SSH jobs only; never for a page or an answer. A host can only have chosen it once it was shown, so it exists. */
export async function getNetdiagPrivateKey(): Promise<string> {
  return decryptSecret((await stored()).privateKeyEnc, { app: "sshKey" });
}
