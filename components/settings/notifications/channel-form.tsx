"use client";

import { useId, useState, type FormEvent } from "react";
import { SEVERITIES } from "@/components/findings/labels";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, controlProps } from "@/components/ui/field";
import { api } from "@/lib/api-client";
import { CHANNEL_TYPES, type ChannelType } from "@/lib/notify/channels";
import type { ChannelView } from "@/lib/notify/views";
import { TYPE_LABEL, errorKeysInOrder, fieldId, readChannelForm, type FieldErrors } from "./channel-form-values";
import { ChannelRulesFields, type HostOption } from "./channel-rules-fields";
import { ChannelTypeFields } from "./channel-type-fields";

const SEVERITY_CHOICE: Record<(typeof SEVERITIES)[number], string> = {
  critical: "Critical only",
  warning: "Warning and critical",
  info: "Everything, info too",
};

type Props = { channel?: ChannelView; hosts: HostOption[]; onSaved: (c: ChannelView) => void; onCancel: () => void };

/** Add (no channel) or edit one. On edit an empty secret keeps the stored one. */
export function ChannelForm({ channel, hosts, onSaved, onCancel }: Props) {
  const formId = `ch${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const [type, setType] = useState<ChannelType>(channel?.type ?? "webhook");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ message: string; details: string[] } | null>(null);
  const [pending, setPending] = useState(false);

  function show(errs: FieldErrors, message: string) {
    const shown = new Set(errorKeysInOrder(type));
    const details = Object.entries(errs).filter(([k]) => !shown.has(k)).map(([k, m]) => `${k}: ${m}`);
    setErrors(errs);
    setFormError({ message, details });
    const first = errorKeysInOrder(type).find((k) => errs[k]);
    if (first) document.getElementById(fieldId(formId, first))?.focus();
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const reader = { get: (n: string) => String(data.get(n) ?? ""), all: (n: string) => data.getAll(n).map(String) };
    const mode = channel ? { kind: "edit" as const, secretsSet: channel.secretsSet } : { kind: "create" as const };
    const { body, errors: local } = readChannelForm(type, reader, mode);
    if (Object.keys(local).length > 0) return show(local, "Check the fields marked below; nothing was saved.");
    setPending(true);
    const res = channel ? await api.notifications.update(channel.id, body) : await api.notifications.create(body);
    setPending(false);
    if (!res.ok) return show(res.error.fields ?? {}, res.error.fields ? "Check the fields marked below; nothing was saved." : res.error.message);
    onSaved(res.data);
  }

  const nameId = fieldId(formId, "name");
  const sevId = fieldId(formId, "minSeverity");
  const typeId = fieldId(formId, "type");
  return (
    <form onSubmit={submit} noValidate aria-label={channel ? `Edit channel ${channel.name}` : "Add channel"} className="flex flex-col gap-5">
      {formError && (
        <div role="alert" className="rounded-md border border-red-500/50 bg-red-950/40 px-3 py-2 text-sm text-red-200">
          <p>{formError.message}</p>
          {formError.details.length > 0 && <ul className="mt-1 list-disc pl-5 text-xs">{formError.details.map((d) => <li key={d}>{d}</li>)}</ul>}
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={typeId} label="Type" hint={channel ? "Delete and add a channel to change its type." : undefined}>
          <Select {...controlProps(typeId, undefined, channel ? true : undefined)} value={type} disabled={Boolean(channel)} onChange={(e) => setType(e.target.value as ChannelType)}>
            {CHANNEL_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={nameId} label="Name" error={errors.name} required>
          <Input {...controlProps(nameId, errors.name)} name="name" defaultValue={channel?.name} autoComplete="off" placeholder="Phone (ntfy)" />
        </Field>
      </div>
      <ChannelTypeFields formId={formId} type={type} channel={channel} errors={errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={sevId} label="Minimum severity" error={errors.minSeverity}>
          <Select {...controlProps(sevId, errors.minSeverity)} name="minSeverity" defaultValue={channel?.minSeverity ?? "warning"}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_CHOICE[s]}
              </option>
            ))}
          </Select>
        </Field>
        {!channel && (
          <label className="flex items-center gap-2 self-end pb-1.5 text-sm text-zinc-200">
            <input type="checkbox" name="enabled" defaultChecked className="size-4 accent-sky-500" />
            Enabled
          </label>
        )}
      </div>
      <ChannelRulesFields formId={formId} rules={channel?.rules} hosts={hosts} errors={errors} />
      <div className="flex items-center justify-end gap-2 border-t border-zinc-800 pt-4">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" pending={pending}>
          {channel ? "Save channel" : "Add channel"}
        </Button>
      </div>
    </form>
  );
}
