"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/api-client";
import type { ChannelView } from "@/lib/notify/views";
import { ChannelCard } from "./notifications/channel-card";
import { ChannelForm } from "./notifications/channel-form";
import type { HostOption } from "./notifications/channel-rules-fields";

/** The notification channels: each with its health, a test, its deliveries; and the form to add one. */
export function NotificationChannels({ initial, hosts }: { initial: ChannelView[]; hosts: HostOption[] }) {
  const [channels, setChannels] = useState(initial);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // A test changes the channel's health; the list answer carries it.
  async function reload() {
    const res = await api.notifications.list();
    if (res.ok) setChannels(res.data.items);
  }
  const replace = (c: ChannelView) => setChannels((all) => all.map((x) => (x.id === c.id ? c : x)));

  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="text-sm text-emerald-300 empty:hidden">
        {notice}
      </p>
      {channels.length === 0 && !adding && <p className="text-sm text-zinc-400">No channels yet: findings are only shown here.</p>}
      {channels.length > 0 && (
        <ul aria-label="Notification channels" className="flex flex-col gap-3">
          {channels.map((c) => (
            <ChannelCard
              key={c.id}
              channel={c}
              hosts={hosts}
              onChanged={(saved) => (replace(saved), setNotice(`Channel ${saved.name} saved.`))}
              onDeleted={(id) => (setChannels((all) => all.filter((x) => x.id !== id)), setNotice(`Channel ${c.name} deleted.`))}
              onTested={() => void reload()}
            />
          ))}
        </ul>
      )}
      {adding ? (
        <section aria-label="New channel" className="rounded-md border border-zinc-800 p-3">
          <ChannelForm
            hosts={hosts}
            onCancel={() => setAdding(false)}
            onSaved={(c) => (setChannels((all) => [...all, c]), setAdding(false), setNotice(`Channel ${c.name} added. Send a test to check it.`))}
          />
        </section>
      ) : (
        <div>
          <Button variant="primary" onClick={() => (setAdding(true), setNotice(null))}>
            Add channel
          </Button>
        </div>
      )}
    </div>
  );
}
