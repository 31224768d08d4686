import "server-only";
import { getDb } from "@/lib/db";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { generateSshKeyPair } from "@/lib/ssh/keys";

// netdiag's own SSH key pair: generated once, the private key encrypted at rest like host
// credentials (bound to its own context, so no host's envelope opens it), the public key
// shown for the user to install on hosts.

const KEY = "netdiag-ssh-key";
type Stored = { publicKey: string; privateKeyEnc: string };

async function stored(): Promise<Stored> {
  const db = await getDb();
  const read = async () => {
    const row = await db.setting.findUnique({ where: { key: KEY } });
    return row ? (JSON.parse(row.value) as Stored) : null;
  };
  const existing = await read();
  if (existing) return existing;
  const pair = generateSshKeyPair("netdiag");
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
export async function getNetdiagPublicKey(): Promise<string> {
  return (await stored()).publicKey;
}

/** For SSH jobs only; never for a page or an answer. */
export async function getNetdiagPrivateKey(): Promise<string> {
  return decryptSecret((await stored()).privateKeyEnc, { app: "sshKey" });
}
