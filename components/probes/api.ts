// Browser-side calls for DF probes; errors come back as data (see components/hosts/api.ts).
import { call } from "@/components/hosts/api";
import type { ProbeBatchView } from "@/lib/domain/mtu-probe";

export const probesApi = {
  verifyMtu: (hostId: number) => call<ProbeBatchView>(`/api/hosts/${hostId}/verify-mtu`, "POST"),
};
