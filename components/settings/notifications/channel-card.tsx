"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/api-client";
import type { ChannelView } from "@/lib/notify/views";
import { ChannelDeliveries } from "./channel-deliveries";
import { ChannelForm } from "./channel-form";
import { TYPE_LABEL } from "./channel-form-values";
import { ChannelHealth } from "./channel-health";
import type { HostOption } from "./channel-rules-fields";
import { TestResult, useSendTest } from "./send-test";

type Props = { channel: ChannelView; hosts: HostOption[]; onChanged: (c: ChannelView) => void; onDeleted: (id: number) => void; onTested: () => void };

export function ChannelCard({ channel: c, hosts, onChanged, onDeleted, onTested }: Props) {
  const [editing, setEditing] = useState(false);
  const [toggling, setToggling] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const test = useSendTest(c.id, onTested);
  const failing = c.health.state === "failing";

  async function setEnabled(enabled: boolean) {
    setToggling(true);
    const res = await api.notifications.update(c.id, { enabled });
    setToggling(false);
    setError(res.ok ? null : res.error.message);
    if (res.ok) onChanged(res.data);
  }

  async function remove() {
    setDeleting(true);
    const res = await api.notifications.remove(c.id);
    setDeleting(false);
    if (!res.ok) return setError(res.error.message);
    setConfirming(false);
    onDeleted(c.id);
  }

  return (
    <li aria-label={c.name} className={`flex flex-col gap-3 rounded-md border p-3 ${failing ? "border-red-500/60 bg-red-950/20" : "border-zinc-800"}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-1">
          <h3 className="break-words text-sm font-semibold text-zinc-100">{c.name}</h3>
          <p className="flex flex-wrap items-center gap-1.5">
            <Badge tone="info">{TYPE_LABEL[c.type]}</Badge>
            <Badge>min {c.minSeverity}</Badge>
            {!c.enabled && <Badge tone="warn">disabled</Badge>}
          </p>
        </div>
        <label className="flex items-center gap-2 text-xs text-zinc-300">
          <input type="checkbox" role="switch" checked={c.enabled} disabled={toggling} onChange={(e) => void setEnabled(e.target.checked)} className="size-4 accent-sky-500" />
          Enabled
        </label>
      </div>
      <ChannelHealth health={c.health} />
      <div className="flex flex-wrap gap-2">
        <Button size="sm" pending={test.pending} onClick={() => void test.send()}>
          Send test
        </Button>
        <Button size="sm" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          Edit
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
          Delete
        </Button>
      </div>
      <TestResult result={test.result} />
      {error && !confirming && (
        <p role="alert" className="text-sm text-red-300">
          {error}
        </p>
      )}
      {editing && (
        <div className="border-t border-zinc-800 pt-3">
          <ChannelForm channel={c} hosts={hosts} onCancel={() => setEditing(false)} onSaved={(saved) => (setEditing(false), onChanged(saved))} />
        </div>
      )}
      <ChannelDeliveries channelId={c.id} channelName={c.name} version={test.count} />
      <ConfirmDialog open={confirming} title={`Delete channel ${c.name}?`} confirmLabel="Delete channel" pending={deleting} error={error} onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
        Its delivery history goes with it. Nothing more is sent to it.
      </ConfirmDialog>
    </li>
  );
}
