import type { AlgorithmList, Algorithms } from "ssh2";

// ssh2's defaults still accept SHA-1 "ssh-rsa" host-key signatures, which OpenSSH turned off
// by default in 8.8 (SHA-1 chosen-prefix collisions are practical). netdiag refuses them
// unless the user ticks "allow legacy SSH algorithms" for a host that offers nothing newer
// (old switches, ESXi 6.x, an old NAS); then SHA-1 key exchange and CBC ciphers come too,
// because devices that old rarely have anything else either.
const LEGACY: Algorithms = {
  serverHostKey: edit("append", ["ssh-rsa", "ssh-dss"]),
  kex: edit("append", ["diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1"]),
  cipher: edit("append", ["aes128-cbc", "aes256-cbc", "3des-cbc"]),
};

const MODERN: Algorithms = { serverHostKey: edit("remove", ["ssh-rsa", "ssh-dss"]) };

// ssh2 takes any one of append/prepend/remove; @types/ssh2 types the object as needing all three.
function edit<T>(op: "append" | "remove", list: T[]): AlgorithmList<T> {
  return { [op]: list } as unknown as AlgorithmList<T>;
}

export function sshAlgorithms(legacy: boolean): Algorithms {
  return legacy ? LEGACY : MODERN;
}

/** ssh2's handshake errors say "no matching <kind>": then the fix is a setting, not the network. */
export function legacyAlgorithmHint(message: string, legacy: boolean): string {
  if (!/no matching/i.test(message)) return "";
  return legacy
    ? " The host offers none of the algorithms netdiag knows, even with legacy algorithms allowed."
    : " The host may offer only old SHA-1 algorithms (ssh-rsa, diffie-hellman-group14-sha1): " +
        "if it is an old device that cannot be upgraded, tick \"Allow legacy SSH algorithms\" in its settings.";
}
