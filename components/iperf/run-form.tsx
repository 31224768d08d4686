"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { api, type RunBody } from "@/lib/api-client";
import { IPERF_DIRECTIONS } from "@/lib/domain/iperf";
import { RunFormFields, type FormErrors, type HostOption } from "./run-form-fields";

function readForm(data: FormData): { body?: RunBody; errors: FormErrors } {
  const n = (k: string) => {
    const v = String(data.get(k) ?? "").trim();
    return v === "" ? undefined : Number(v);
  };
  const errors: FormErrors = {};
  const clientHostId = n("clientHostId");
  const serverHostId = n("serverHostId");
  if (clientHostId === undefined) errors.clientHostId = "Pick the client host";
  if (serverHostId === undefined) errors.serverHostId = "Pick the server host";
  if (clientHostId !== undefined && clientHostId === serverHostId) errors.serverHostId = "Pick a different host than the client";
  const protocol = data.get("protocol") === "udp" ? "udp" : "tcp";
  const bitrateMbps = n("bitrateMbps");
  if (protocol === "udp" && bitrateMbps === undefined) errors.bitrateMbps = "UDP needs a target bitrate";
  if (Object.keys(errors).length > 0 || clientHostId === undefined || serverHostId === undefined) return { errors };
  const address = String(data.get("serverAddress") ?? "").trim();
  return {
    errors,
    body: {
      clientHostId,
      serverHostId,
      ...(address ? { serverAddress: address } : {}),
      durationSec: n("durationSec") ?? 10,
      parallel: n("parallel") ?? 1,
      protocol,
      ...(bitrateMbps !== undefined ? { bitrateMbps } : {}),
      direction: IPERF_DIRECTIONS.find((d) => d === data.get("direction")) ?? "both",
      omitSec: n("omitSec") ?? 1,
      simultaneous: data.get("simultaneous") === "on",
    },
  };
}

/** Start a test; the run page then shows it live. Used on the iperf page and host pages. */
export function RunForm({ hosts, clientId, serverId, idPrefix = "iperf" }: { hosts: HostOption[]; clientId?: number; serverId?: number; idPrefix?: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const read = readForm(new FormData(e.currentTarget));
    setErrors(read.errors);
    setMessage(null);
    if (!read.body) return;
    setPending(true);
    const res = await api.iperf.start(read.body);
    if (!res.ok) {
      setPending(false);
      setErrors(res.error.fields ?? {});
      setMessage(res.error.message);
      return;
    }
    router.push(`/iperf/runs/${res.data.id}`);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Run an iperf3 test" className="flex flex-col gap-3 p-4">
      <RunFormFields hosts={hosts} clientId={clientId} serverId={serverId} errors={errors} idPrefix={idPrefix} />
      <div className="flex items-center justify-end gap-3">
        {message && (
          <p role="alert" className="text-xs text-red-300">
            {message}
          </p>
        )}
        <Button type="submit" variant="primary" pending={pending} disabled={hosts.length < 2}>
          Run test
        </Button>
      </div>
    </form>
  );
}
