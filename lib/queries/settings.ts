import "server-only";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { applyPatch, readStored, SETTING_KEYS, type AppSettings, type SettingKey, type SettingsPatch } from "@/lib/validations/settings";

/** Server state that must survive restarts, e.g. when the last scheduled collection ran. */
export async function getSetting(key: string): Promise<string | null> {
  const db = await getDb();
  return (await db.setting.findUnique({ where: { key } }))?.value ?? null;
}

export async function setSetting(key: string, value: string): Promise<void> {
  const db = await getDb();
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

const APP_SETTINGS_KEY = "app-settings";

/** The environment's values: what each setting is until the user saves one. */
export function defaultAppSettings(): AppSettings {
  const e = env();
  return {
    collectIntervalMinutes: e.collectIntervalMinutes,
    dfProbeIntervalHours: e.dfProbeIntervalHours,
    asymmetryRatio: e.iperf.thresholds.asymmetryRatio,
    asymmetryMinGapMbps: e.iperf.thresholds.asymmetryMinGapMbps,
    linkSpeedRatio: e.iperf.thresholds.linkSpeedRatio,
    retransmitPercent: e.iperf.thresholds.retransmitPercent,
  };
}

export type AppSettingsView = { values: AppSettings; defaults: AppSettings; saved: SettingKey[] };

/** The values in force: the saved ones over the environment's. */
export async function getAppSettings(): Promise<AppSettingsView> {
  const stored = readStored(await getSetting(APP_SETTINGS_KEY));
  const defaults = defaultAppSettings();
  return { values: { ...defaults, ...stored }, defaults, saved: SETTING_KEYS.filter((k) => stored[k] !== undefined) };
}

export async function updateAppSettings(patch: SettingsPatch): Promise<AppSettingsView> {
  const db = await getDb();
  // Read and write in one transaction: two saves at once must not drop each other's fields.
  await db.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: APP_SETTINGS_KEY } });
    const value = JSON.stringify(applyPatch(readStored(row?.value ?? null), patch));
    await tx.setting.upsert({ where: { key: APP_SETTINGS_KEY }, create: { key: APP_SETTINGS_KEY, value }, update: { value } });
  });
  return getAppSettings();
}
