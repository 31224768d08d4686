import { json, readJson, route } from "@/lib/api/respond";
import { testConnection } from "@/lib/jobs/test-connection";
import { parseConnectionTest } from "@/lib/validations/host";

export const dynamic = "force-dynamic";

/**
 * The host form's fields (name optional) → reachability, login, platform and the host key
 * fingerprint, with nothing stored. A host that cannot be reached or logged into is a 200
 * with `ok: false` and the reason: the request itself was fine.
 */
export const POST = route(async (req) => json(await testConnection(parseConnectionTest(await readJson(req)))));
