import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { getFinding } from "@/lib/queries/findings";
import { parseId } from "@/lib/validations/host";
import type { FindingView } from "@/lib/domain/views";

/** The finding named by the URL, or the not-found page; cached so metadata and page share one query. */
export const loadFinding = cache(async (rawId: string): Promise<FindingView> => {
  try {
    return await getFinding(parseId(rawId, "Finding"));
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  }
});
