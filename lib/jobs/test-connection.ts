import "server-only";
import { detectPlatform, unsupportedMessage } from "@/lib/collect/detect";
import type { ConnectionTestView, HostInput } from "@/lib/domain/host";
import { env } from "@/lib/env";
import { getNetdiagPrivateKey } from "@/lib/queries/netdiag-key";
import { SshError } from "@/lib/ssh/errors";
import { withSession } from "@/lib/ssh/session";

/**
 * "Test connection" on the host form: log in with what the user typed, read the host key and
 * tell the platform, store nothing. The key is reported, not trusted: the user compares it
 * (with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host) and saving pins it.
 * Only the fixed detection commands run on the host.
 */
export async function testConnection(input: Omit<HostInput, "name">): Promise<ConnectionTestView> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const own = input.useNetdiagKey ? await getNetdiagPrivateKey() : undefined;
    const { result, hostKey } = await withSession(
      {
        address: input.address,
        port: input.port,
        username: input.username,
        privateKey: own ?? input.privateKey,
        passphrase: own ? undefined : input.passphrase,
        password: own ? undefined : input.password,
        pinnedFingerprint: null,
        legacyAlgorithms: input.legacySshAlgorithms ?? false,
        connectTimeoutMs: env().sshConnectTimeoutMs,
        commandTimeoutMs: env().sshCommandTimeoutMs,
      },
      (s) => detectPlatform(s.exec),
    );
    const key = { fingerprint: hostKey.fingerprint, algorithm: hostKey.algorithm };
    if (!result.platform) {
      return { ok: false, hostKey: key, platform: null, error: { code: "unsupported-platform", message: unsupportedMessage(result.seen) }, durationMs: took() };
    }
    return { ok: true, hostKey: key, platform: result.platform, error: null, durationMs: took() };
  } catch (err) {
    const code = err instanceof SshError ? err.code : "internal";
    const message = err instanceof SshError ? err.message : "netdiag hit an internal error while testing; see the server log";
    if (!(err instanceof SshError)) console.error("netdiag: test connection:", err);
    return { ok: false, hostKey: null, platform: null, error: { code, message }, durationMs: took() };
  }
}
