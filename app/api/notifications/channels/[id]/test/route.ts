import { json, route } from "@/lib/api/respond";
import { sendTest } from "@/lib/jobs/notify";
import { getDelivery } from "@/lib/queries/notifications";
import { parseId } from "@/lib/validations/host";

type Ctx = { params: Promise<{ id: string }> };

/** Sends a test message now, whatever the rules and quiet hours; answers with its delivery (status "sent" or "failed", and the receiver's answer). */
export const POST = route<Ctx>(async (_req, { params }) => json(await getDelivery(await sendTest(parseId((await params).id, "Channel")))));
