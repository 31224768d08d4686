import { json, readJson, route } from "@/lib/api/respond";
import { parseAnsibleInventory } from "@/lib/import/ansible-inventory";
import { markDuplicates } from "@/lib/import/draft";
import { parseSshConfig } from "@/lib/import/ssh-config";
import { listHosts } from "@/lib/queries/hosts";
import { parseImportPreview } from "@/lib/validations/host";

export const dynamic = "force-dynamic";

/** What an ssh_config or Ansible inventory would create; saves nothing (README "Importing hosts"). */
export const POST = route(async (req) => {
  const input = parseImportPreview(await readJson(req));
  const result = input.source === "ssh-config" ? parseSshConfig(input.text) : parseAnsibleInventory(input.text);
  const existing = (await listHosts()).map((h) => ({ name: h.name, address: h.address, port: h.port }));
  return json({ drafts: markDuplicates(result.drafts, existing), problems: result.problems });
});
