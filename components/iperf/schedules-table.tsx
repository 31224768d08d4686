"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { IperfScheduleView } from "@/lib/domain/iperf";
import { api } from "@/lib/api-client";
import { describeParams } from "./format";

const every = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${m} min`);

export function SchedulesTable({ schedules }: { schedules: IperfScheduleView[] }) {
  const router = useRouter();
  const act = async (p: Promise<unknown>) => {
    await p;
    router.refresh();
  };
  return (
    <Table label="iperf schedules">
      <THead>
        <tr>
          <TH>Client → server</TH>
          <TH>Every</TH>
          <TH>Test</TH>
          <TH>Next run</TH>
          <TH>Last run</TH>
          <TH>Actions</TH>
        </tr>
      </THead>
      <TBody>
        {schedules.map((s) => (
          <TR key={s.id}>
            <TD>
              {s.clientHostName} → {s.serverHostName}
            </TD>
            <TD>{every(s.intervalMinutes)}</TD>
            <TD className="text-xs text-zinc-400">{describeParams({ ...s, bitrateMbps: s.bitrateMbps })}</TD>
            <TD>{s.enabled ? <RelativeTime iso={s.nextDueAt} /> : <span className="text-zinc-400">paused</span>}</TD>
            <TD>
              <RelativeTime iso={s.lastRunAt} />
            </TD>
            <TD className="flex gap-2">
              <Button size="sm" variant="secondary" onClick={() => act(api.iperf.setScheduleEnabled(s.id, !s.enabled))} aria-label={`${s.enabled ? "Pause" : "Resume"} schedule ${s.clientHostName} → ${s.serverHostName}`}>
                {s.enabled ? "Pause" : "Resume"}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => act(api.iperf.deleteSchedule(s.id))} aria-label={`Delete schedule ${s.clientHostName} → ${s.serverHostName}`}>
                Delete
              </Button>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
