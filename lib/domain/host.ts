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
};

/** An edit: only the fields given change. */
export type HostPatch = Partial<HostInput>;
