import { json, readJson, route } from "@/lib/api/respond";
import { requirePrincipal } from "@/lib/auth/require";
import { collectIntervalChanged } from "@/lib/jobs/scheduler";
import { getAppSettings, updateAppSettings } from "@/lib/queries/settings";
import { parseWith } from "@/lib/validations/auth";
import { settingsPatchSchema } from "@/lib/validations/settings";

/** `{ values, defaults, saved }`: the values in force, the environment's, and which ones were saved. */
export const GET = route(async (req) => {
  await requirePrincipal(req);
  return json(await getAppSettings());
});

/** Any subset of the settings; null returns one to the environment's value. */
export const PATCH = route(async (req) => {
  await requirePrincipal(req);
  const patch = parseWith(settingsPatchSchema, await readJson(req), "settings");
  const before = (await getAppSettings()).values.collectIntervalMinutes;
  const after = await updateAppSettings(patch);
  if (after.values.collectIntervalMinutes !== before) await collectIntervalChanged();
  return json(after);
});
