import { download, exportFormat } from "@/lib/api/download";
import { json, route } from "@/lib/api/respond";
import { runsTable, type ExportedRun } from "@/lib/export/tables";
import { getHost } from "@/lib/queries/hosts";
import { assertHostExists, iterateRuns, listRuns } from "@/lib/queries/runs";
import { parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

async function* withName(hostId: number, hostName: string): AsyncGenerator<ExportedRun> {
  for await (const r of iterateRuns(hostId)) yield { ...r, hostName };
}

/** The host's newest runs; ?format=csv|json downloads every run kept (README "History and retention"). */
export const GET = route<Ctx>(async (req, { params }) => {
  const id = parseId((await params).id);
  const format = exportFormat(new URL(req.url).searchParams);
  if (format) {
    const host = await getHost(id);
    return download(format, `runs-${host.name}`, runsTable, withName(id, host.name));
  }
  await assertHostExists(id);
  return json({ items: await listRuns(id) });
});
