"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { controlProps, Field, Input } from "@/components/ui/field";
import { api, type ScheduleBody } from "@/lib/api-client";
import { IPERF_DIRECTIONS } from "@/lib/domain/iperf";
import { RunFormFields, type FormErrors, type HostOption } from "./run-form-fields";

/** A pair tested on an interval by the server (its next run survives restarts). */
export function ScheduleForm({ hosts }: { hosts: HostOption[] }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    const n = (k: string) => (String(d.get(k) ?? "").trim() === "" ? undefined : Number(d.get(k)));
    const address = String(d.get("serverAddress") ?? "").trim();
    const body: ScheduleBody = {
      clientHostId: n("clientHostId"),
      serverHostId: n("serverHostId"),
      ...(address ? { serverAddress: address } : {}),
      durationSec: n("durationSec") ?? 10,
      parallel: n("parallel") ?? 1,
      protocol: d.get("protocol") === "udp" ? "udp" : "tcp",
      ...(n("bitrateMbps") !== undefined ? { bitrateMbps: n("bitrateMbps") } : {}),
      direction: IPERF_DIRECTIONS.find((v) => v === d.get("direction")) ?? "both",
      omitSec: n("omitSec") ?? 1,
      simultaneous: d.get("simultaneous") === "on",
      intervalMinutes: Math.round((n("intervalHours") ?? 6) * 60),
    };
    setPending(true);
    const res = await api.iperf.createSchedule(body);
    setPending(false);
    setErrors(res.ok ? {} : { ...(res.error.fields ?? {}), ...(res.error.fields?.intervalMinutes ? { intervalHours: res.error.fields.intervalMinutes } : {}) });
    setMessage(res.ok ? `Scheduled: ${res.data.clientHostName} → ${res.data.serverHostName} every ${body.intervalMinutes / 60} h` : res.error.message);
    if (res.ok) router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Schedule an iperf3 test" className="flex flex-col gap-3 p-4">
      <RunFormFields hosts={hosts} errors={errors} idPrefix="schedule" />
      <div className="flex flex-wrap items-end justify-end gap-3">
        <div className="w-40">
          <Field id="schedule-intervalHours" label="Every (hours)" error={errors.intervalHours}>
            <Input name="intervalHours" type="number" min={0.1} step="any" defaultValue={6} {...controlProps("schedule-intervalHours", errors.intervalHours)} />
          </Field>
        </div>
        <p role="status" className="text-xs text-zinc-400">
          {message}
        </p>
        <Button type="submit" pending={pending}>
          Add schedule
        </Button>
      </div>
    </form>
  );
}
