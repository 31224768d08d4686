import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { getHost } from "@/lib/queries/hosts";
import { parseId } from "@/lib/validations/host";
import type { HostView } from "@/lib/domain/views";

/** The host named by the URL, or the not-found page; cached so metadata and page share one query. */
export const loadHost = cache(async (rawId: string): Promise<HostView> => {
  try {
    return await getHost(parseId(rawId));
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  }
});
