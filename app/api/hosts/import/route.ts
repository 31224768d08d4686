import { json, readJson, route } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { createHost } from "@/lib/queries/hosts";
import { parseImportCreate } from "@/lib/validations/host";

export const dynamic = "force-dynamic";

/**
 * Creates the hosts kept from a preview, with one credential for all. Every row is validated
 * before the first is created (a bad row is a 400 naming it); a name taken since the preview
 * is reported per host and the others are still created.
 */
export const POST = route(async (req) => {
  const hosts = parseImportCreate(await readJson(req));
  const created: { id: number; name: string }[] = [];
  const failed: { name: string; code: string; message: string }[] = [];
  for (const input of hosts) {
    try {
      const h = await createHost(input);
      created.push({ id: h.id, name: h.name });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      failed.push({ name: input.name, code: err.code, message: err.message });
    }
  }
  return json({ created, failed }, created.length > 0 ? 201 : 200);
});
