"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input } from "@/components/ui/field";
import type { FindingStatus } from "@/lib/domain/views";
import { api, type FindingStatusChange } from "@/lib/api-client";

type Target = "acknowledged" | "muted";

const ASK: Record<Target, { title: string; confirm: string; body: string }> = {
  acknowledged: {
    title: "Acknowledge this finding?",
    confirm: "Acknowledge",
    body: "It leaves the open list and stays tracked: it resolves by itself when the evidence is gone.",
  },
  muted: {
    title: "Mute this finding?",
    confirm: "Mute",
    body: "It stays muted while its evidence is unchanged, and reopens if other hosts, interfaces or addresses become involved.",
  },
};

/** Acknowledge / mute (with an optional reason) or reopen; the page refreshes with the new state. */
export function FindingActions({ id, status, title }: { id: number; status: FindingStatus; title: string }) {
  const router = useRouter();
  const reasonId = useId();
  const [asking, setAsking] = useState<Target | null>(null);
  const [reason, setReason] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(next: FindingStatusChange["status"], why?: string) {
    setPending(true);
    setError(null);
    const res = await api.findings.setStatus(id, { status: next, ...(why ? { reason: why } : {}) });
    setPending(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setAsking(null);
    setReason("");
    router.refresh();
  }

  if (status === "resolved") return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === "open" && (
        <Button size="sm" onClick={() => setAsking("acknowledged")} aria-label={`Acknowledge: ${title}`}>
          Acknowledge
        </Button>
      )}
      {status !== "muted" && (
        <Button size="sm" variant="ghost" onClick={() => setAsking("muted")} aria-label={`Mute: ${title}`}>
          Mute
        </Button>
      )}
      {status !== "open" && (
        <Button size="sm" variant="ghost" onClick={() => change("open")} pending={pending && asking === null} aria-label={`Reopen: ${title}`}>
          {status === "muted" ? "Unmute" : "Reopen"}
        </Button>
      )}
      {error && asking === null && (
        <p role="alert" className="text-xs text-red-400">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={asking ? ASK[asking].title : ""}
        confirmLabel={asking ? ASK[asking].confirm : "OK"}
        tone="primary"
        pending={pending}
        error={error}
        onConfirm={() => asking && change(asking, reason.trim() || undefined)}
        onCancel={() => {
          setAsking(null);
          setError(null);
        }}
      >
        <p className="mb-3">{asking ? ASK[asking].body : ""}</p>
        <Field id={reasonId} label="Reason (optional)">
          <Input id={reasonId} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="e.g. known, replacing the switch on Friday" />
        </Field>
      </ConfirmDialog>
    </div>
  );
}
