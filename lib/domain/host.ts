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
};

/** An edit: only the fields given change. */
export type HostPatch = Partial<HostInput>;
