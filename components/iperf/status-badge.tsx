import { Badge } from "@/components/ui/badge";
import type { IperfStatus } from "@/lib/domain/iperf";
import { STATUS_TONE } from "./format";

export function IperfStatusBadge({ status, position }: { status: IperfStatus; position?: number | null }) {
  return (
    <Badge tone={STATUS_TONE[status]} dot>
      {status}
      {status === "queued" && position ? ` · position ${position}` : ""}
    </Badge>
  );
}
