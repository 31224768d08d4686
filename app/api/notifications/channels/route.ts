import { json, readJson, route } from "@/lib/api/respond";
import { createChannel, listChannels } from "@/lib/queries/notifications";
import { parseChannelCreate } from "@/lib/validations/notifications";

/** Every channel with its rules and health; secrets appear only as `secretsSet`. */
export const GET = route(async () => json({ items: await listChannels() }));

export const POST = route(async (req) => json(await createChannel(parseChannelCreate(await readJson(req))), 201));
