import "server-only";
import { getNetdiagPublicKey } from "@/lib/queries/netdiag-key";
import { generateSshKeyPair } from "@/lib/ssh/keys";

/** netdiag's public key, made (and stored, encrypted) on first use: what the host form and Settings show. */
export function netdiagPublicKey(): Promise<string> {
  return getNetdiagPublicKey(() => generateSshKeyPair("netdiag"));
}
