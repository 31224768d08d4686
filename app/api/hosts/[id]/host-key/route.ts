import { z } from "zod";
import { json, readJson, route } from "@/lib/api/respond";
import { ValidationError } from "@/lib/errors";
import { acceptOfferedHostKey } from "@/lib/queries/hosts";
import { parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

const body = z.strictObject({ accept: z.literal(true), fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/) });

/** The user's explicit acceptance of a changed host key, naming the fingerprint they compared. */
export const POST = route<Ctx>(async (req, { params }) => {
  const id = parseId((await params).id);
  const parsed = body.safeParse(await readJson(req));
  if (!parsed.success) {
    throw new ValidationError('Send { "accept": true, "fingerprint": "SHA256:…" } with the offered key\'s fingerprint', {
      fingerprint: "Required",
    });
  }
  return json(await acceptOfferedHostKey(id, parsed.data.fingerprint));
});
