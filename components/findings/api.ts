// Browser-side calls for findings; errors come back as data (see components/hosts/api.ts).
import { call } from "@/components/hosts/api";
import type { FindingView } from "@/lib/domain/views";

export type FindingStatusChange = { status: "acknowledged" | "muted" | "open"; reason?: string };

export const findingsApi = {
  setStatus: (id: number, change: FindingStatusChange) => call<FindingView>(`/api/findings/${id}`, "PATCH", change),
};
