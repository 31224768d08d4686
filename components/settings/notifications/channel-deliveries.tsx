"use client";

import { useEffect, useState } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { api } from "@/lib/api-client";
import type { DeliveryStatus, DeliveryView } from "@/lib/notify/views";

const STATUS_TONE: Record<DeliveryStatus, Tone> = { sent: "ok", failed: "bad", pending: "neutral" };

function eventText(d: DeliveryView): string {
  if (d.event === "test") return "Test";
  const counts = new Map<string, number>();
  for (const i of d.items) counts.set(i.transition, (counts.get(i.transition) ?? 0) + 1);
  return [...counts].map(([t, n]) => `${n} ${t}`).join(", ") || "Findings";
}

/** Loaded when opened, and again when `version` changes (after a test) while open. */
export function ChannelDeliveries({ channelId, channelName, version }: { channelId: number; channelName: string; version: number }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<DeliveryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void api.notifications.deliveries(channelId).then((res) => {
      if (!live) return;
      if (res.ok) setItems(res.data.items);
      setError(res.ok ? null : res.error.message);
    });
    return () => {
      live = false;
    };
  }, [open, version, channelId]);

  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} className="text-sm">
      <summary className="cursor-pointer text-xs font-medium text-zinc-300 hover:text-zinc-100">Recent deliveries</summary>
      <div className="mt-2">
        {error && <p role="alert" className="text-xs text-red-300">{error}</p>}
        {items === null && !error && <p className="text-xs text-zinc-400">Loading…</p>}
        {items?.length === 0 && <p className="text-xs text-zinc-400">Nothing sent yet.</p>}
        {items && items.length > 0 && (
          <Table label={`Recent deliveries of ${channelName}`}>
            <THead>
              <tr>
                <TH>Time</TH>
                <TH>Event</TH>
                <TH>Status</TH>
                <TH align="right">Attempts</TH>
                <TH>Answer</TH>
              </tr>
            </THead>
            <TBody>
              {items.map((d) => (
                <TR key={d.id}>
                  <TD>
                    <RelativeTime iso={d.lastAttemptAt ?? d.createdAt} />
                  </TD>
                  <TD>{eventText(d)}</TD>
                  <TD>
                    <Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge>
                    {d.status === "pending" && d.nextAttemptAt && (
                      <span className="ml-2 text-xs text-zinc-400">
                        next try <RelativeTime iso={d.nextAttemptAt} />
                      </span>
                    )}
                  </TD>
                  <TD align="right">{d.attempts}</TD>
                  <TD mono wrap className="max-w-md break-all">
                    {d.answer ?? "—"}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </div>
    </details>
  );
}
