import type { ReactNode } from "react";
import { kindLabel } from "@/components/findings/labels";
import { Field, Input, controlProps } from "@/components/ui/field";
import { FINDING_KINDS } from "@/lib/domain/finding";
import type { ChannelRules } from "@/lib/notify/rules";
import { fieldId, type FieldErrors } from "./channel-form-values";

export type HostOption = { id: number; name: string };

type Props = { formId: string; rules?: ChannelRules; hosts: HostOption[]; errors: FieldErrors };

const box = "size-4 shrink-0 accent-sky-500";

function Checks({ legend, hint, error, id, children }: { legend: string; hint: string; error?: string; id: string; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend className="text-xs font-medium text-zinc-300">{legend}</legend>
      <p id={`${id}-hint`} className="text-xs text-zinc-400">
        {hint}
      </p>
      <div className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Which findings reach the channel, and when. Empty kind or host lists mean all. */
export function ChannelRulesFields({ formId, rules, hosts, errors }: Props) {
  const startId = fieldId(formId, "rules.quietHours.start");
  const endId = fieldId(formId, "rules.quietHours.end");
  return (
    <div className="flex flex-col gap-4">
      <Checks id={fieldId(formId, "rules.kinds")} legend="Finding kinds" hint="None ticked: every kind." error={errors["rules.kinds"]}>
        {FINDING_KINDS.map((k) => (
          <label key={k} className="flex items-center gap-2 text-sm text-zinc-200">
            <input type="checkbox" name="kinds" value={k} defaultChecked={rules?.kinds.includes(k)} className={box} />
            {kindLabel(k)}
          </label>
        ))}
      </Checks>
      {hosts.length > 0 && (
        <Checks id={fieldId(formId, "rules.hostIds")} legend="Hosts" hint="None ticked: every host." error={errors["rules.hostIds"]}>
          {hosts.map((h) => (
            <label key={h.id} className="flex min-w-0 items-center gap-2 text-sm text-zinc-200">
              <input type="checkbox" name="hostIds" value={h.id} defaultChecked={rules?.hostIds.includes(h.id)} className={box} />
              <span className="break-all">{h.name}</span>
            </label>
          ))}
        </Checks>
      )}
      <div className="flex flex-col gap-1.5 text-sm text-zinc-200">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="notifyRaised" defaultChecked={rules?.notifyRaised ?? true} className={box} />
          Notify again when a finding gets worse (warning → critical)
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="notifyResolved" defaultChecked={rules?.notifyResolved ?? false} className={box} />
          Notify when a finding is resolved
        </label>
      </div>
      <div className="grid grid-cols-2 gap-4 sm:max-w-sm">
        <Field id={startId} label="Quiet hours from" error={errors["rules.quietHours.start"]}>
          <Input {...controlProps(startId, errors["rules.quietHours.start"])} type="time" name="quietStart" defaultValue={rules?.quietHours?.start} />
        </Field>
        <Field id={endId} label="until" error={errors["rules.quietHours.end"]}>
          <Input {...controlProps(endId, errors["rules.quietHours.end"])} type="time" name="quietEnd" defaultValue={rules?.quietHours?.end} />
        </Field>
      </div>
      <p className="-mt-2 text-xs text-zinc-400">Optional, in the server&apos;s time zone: what comes up meanwhile is sent as one message when they end.</p>
    </div>
  );
}
