import type { Platform } from "./platform";

/** A host as the user describes it (form, API); secrets in clear here, encrypted when stored. */
export type HostInput = {
  name: string;
  address: string;
  port: number;
  username: string;
  platform: Platform | "auto";
  privateKey?: string;
  passphrase?: string;
  password?: string;
  /** SHA-1 "ssh-rsa" host keys and SHA-1 key exchange, for an old device that offers nothing newer. */
  legacySshAlgorithms?: boolean;
  /** Log in with netdiag's own key pair (Settings shows its public key) instead of a key or password of the host's. */
  useNetdiagKey?: boolean;
  /** Where the host is (lib/domain/site.ts); the default site when not given. */
  site?: string;
  /**
   * The host key fingerprint the user confirmed after "Test connection" ("SHA256:…"), pinned
   * at once: the first collection then checks it instead of trusting whatever key it is shown.
   * Only on create.
   */
  hostKeyFingerprint?: string;
};

/** An edit: only the fields given change. */
export type HostPatch = Partial<Omit<HostInput, "hostKeyFingerprint">>;

/** What "Test connection" found, before anything is saved (POST /api/hosts/test-connection). */
export type ConnectionTestView = {
  ok: boolean;
  /** The host key the server showed, for the user to compare and confirm; null when it never got that far. */
  hostKey: { fingerprint: string; algorithm: string } | null;
  /** The platform netdiag would collect it as; null when not detected (see `error`). */
  platform: Platform | null;
  /** Why it failed: unreachable, refused, auth, host key algorithm, unsupported platform, ... */
  error: { code: string; message: string } | null;
  durationMs: number;
};
