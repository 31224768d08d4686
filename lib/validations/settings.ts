import { z } from "zod";

// The settings a user changes on the Settings page (PATCH /api/settings). Each starts at its
// environment variable (lib/env.js) and, once saved, the stored value wins until reset (null).
// The ranges are the environment variables' own.

const number = (label: string, min: number, max: number, integer: boolean) => {
  let n = z.number({ error: `${label} must be a number` }).min(min, `${label}: at least ${min}`).max(max, `${label}: at most ${max}`);
  if (integer) n = n.int(`${label} must be a whole number`);
  return n;
};

export const SETTING_FIELDS = {
  collectIntervalMinutes: number("Collection interval", 0, 7 * 24 * 60, true),
  dfProbeIntervalHours: number("Don't-fragment ping interval", 0, 24 * 365, true),
  asymmetryRatio: number("Asymmetry ratio", 0.01, 1, false),
  asymmetryMinGapMbps: number("Asymmetry gap", 0, 1_000_000, false),
  linkSpeedRatio: number("Link-speed ratio", 0.01, 1, false),
  retransmitPercent: number("Retransmit share", 0, 100, false),
} as const;

export type SettingKey = keyof typeof SETTING_FIELDS;
export type AppSettings = { [K in SettingKey]: number };
export const SETTING_KEYS = Object.keys(SETTING_FIELDS) as SettingKey[];

/** A change: a number sets the value, null goes back to the environment's default. */
export const settingsPatchSchema = z.strictObject(
  Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTING_FIELDS[k].nullable().optional()])) as { [K in SettingKey]: z.ZodOptional<z.ZodNullable<(typeof SETTING_FIELDS)[K]>> },
);
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** What is stored: only the values the user set, each checked again when read (a hand edit, an older version). */
export function readStored(json: string | null): Partial<AppSettings> {
  if (!json) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof value !== "object" || value === null) return {};
  const out: Partial<AppSettings> = {};
  for (const k of SETTING_KEYS) {
    const parsed = SETTING_FIELDS[k].safeParse((value as Record<string, unknown>)[k]);
    if (parsed.success) out[k] = parsed.data;
  }
  return out;
}

/** The stored values after a change (null removes one). */
export function applyPatch(stored: Partial<AppSettings>, patch: SettingsPatch): Partial<AppSettings> {
  const out = { ...stored };
  for (const k of SETTING_KEYS) {
    const v = patch[k];
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = v;
  }
  return out;
}
