// Pure: turns the form's raw strings into the API body, with the checks worth doing before a round trip.
import type { HostBody } from "@/lib/api-client";
import { DEFAULT_SITE, normalizeSite, SITE_RULE } from "@/lib/domain/site";

export type AuthMethod = "key" | "password" | "netdiag";
export type FormMode = { kind: "create" } | { kind: "edit"; storedAuth: AuthMethod | null };
export type FieldErrors = Partial<Record<keyof HostBody, string>>;

export const HOST_FIELDS = ["name", "address", "port", "username", "platform", "site", "legacySshAlgorithms", "privateKey", "passphrase", "password"] as const;

export function readHostForm(
  get: (field: (typeof HOST_FIELDS)[number]) => string,
  auth: AuthMethod,
  mode: FormMode,
): { body: HostBody; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const text = (f: "name" | "address" | "username", label: string) => {
    const v = get(f).trim();
    if (!v) errors[f] = `${label} is required`;
    return v;
  };
  const body: HostBody = {
    name: text("name", "Name"),
    address: text("address", "Address"),
    username: text("username", "SSH user"),
    platform: get("platform") || "auto",
    // An unticked checkbox is absent from FormData, so "" means off.
    legacySshAlgorithms: get("legacySshAlgorithms") === "on",
  };
  // Empty: the default site. The API folds case the same way (lib/domain/site.ts).
  const siteRaw = get("site").trim();
  const site = siteRaw === "" ? DEFAULT_SITE : normalizeSite(siteRaw);
  if (site === null) errors.site = SITE_RULE;
  body.site = site ?? siteRaw;
  const portRaw = get("port").trim();
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port < 1 || port > 65535) errors.port = "Port must be a whole number between 1 and 65535";
  body.port = port;

  // On edit, an empty secret keeps the stored one, unless the user switches the login method.
  const mustGiveSecret = mode.kind === "create" || mode.storedAuth !== auth;
  if (auth === "netdiag") {
    body.useNetdiagKey = true;
  } else if (auth === "key") {
    const key = get("privateKey");
    if (key.trim()) {
      body.privateKey = key;
      if (get("passphrase")) body.passphrase = get("passphrase");
    } else if (mustGiveSecret) errors.privateKey = "Paste the private key netdiag should log in with";
  } else {
    const password = get("password");
    if (password) body.password = password;
    else if (mustGiveSecret) errors.password = "Password is required";
  }
  return { body, errors };
}

/** DOM id of each field's control, for labels, error wiring and focusing the first problem. */
export const FIELD_IDS: Record<(typeof HOST_FIELDS)[number], string> = {
  name: "host-name",
  address: "host-address",
  port: "host-port",
  username: "host-username",
  platform: "host-platform",
  site: "host-site",
  legacySshAlgorithms: "host-legacy-ssh",
  privateKey: "host-private-key",
  passphrase: "host-passphrase",
  password: "host-password",
};

export function firstInvalidFieldId(errors: FieldErrors): string | null {
  const first = HOST_FIELDS.find((f) => errors[f]);
  return first ? FIELD_IDS[first] : null;
}

const FIELD_LABELS: Record<(typeof HOST_FIELDS)[number], string> = {
  name: "Name",
  address: "Address",
  port: "Port",
  username: "SSH user",
  platform: "Platform",
  site: "Site",
  legacySshAlgorithms: "Allow legacy SSH algorithms",
  privateKey: "Private key",
  passphrase: "Passphrase",
  password: "Password",
};

/**
 * The message above the form. When fields carry their own messages the API's summary would
 * repeat them, so name the fields instead.
 */
export function formErrorMessage(apiMessage: string, byField: FieldErrors): string {
  const names = HOST_FIELDS.filter((f) => byField[f]).map((f) => FIELD_LABELS[f]);
  if (names.length === 0) return apiMessage;
  return `The host was not saved. Check ${names.join(", ")}.`;
}

const isHostField = (k: string): k is (typeof HOST_FIELDS)[number] => HOST_FIELDS.some((f) => f === k);

/** Splits an API error's fields into those shown beside an input and the rest. */
export function splitFieldErrors(fields: Record<string, string> | undefined): { byField: FieldErrors; other: string[] } {
  const byField: FieldErrors = {};
  const other: string[] = [];
  for (const [k, v] of Object.entries(fields ?? {})) {
    if (isHostField(k)) byField[k] = v;
    else other.push(`${k}: ${v}`);
  }
  return { byField, other };
}
