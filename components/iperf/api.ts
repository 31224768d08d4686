// Browser-side calls for iperf tests and schedules; errors come back as data.
import { call } from "@/components/hosts/api";
import type { IperfRunView, IperfScheduleView } from "@/lib/domain/iperf";

export type RunBody = {
  clientHostId: number;
  serverHostId: number;
  serverAddress?: string;
  durationSec: number;
  parallel: number;
  protocol: "tcp" | "udp";
  bitrateMbps?: number;
  direction: "both" | "forward" | "reverse";
  omitSec: number;
  simultaneous: boolean;
};

export type ScheduleBody = RunBody & { intervalMinutes: number; enabled?: boolean };

export const iperfApi = {
  start: (body: RunBody) => call<IperfRunView>("/api/iperf/runs", "POST", body),
  cancel: (id: number) => call<IperfRunView>(`/api/iperf/runs/${id}`, "DELETE"),
  createSchedule: (body: ScheduleBody) => call<IperfScheduleView>("/api/iperf/schedules", "POST", body),
  setScheduleEnabled: (id: number, enabled: boolean) => call<IperfScheduleView>(`/api/iperf/schedules/${id}`, "PATCH", { enabled }),
  deleteSchedule: (id: number) => call<null>(`/api/iperf/schedules/${id}`, "DELETE"),
};
