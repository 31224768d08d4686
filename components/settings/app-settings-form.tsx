"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, controlProps } from "@/components/ui/field";
import { api } from "@/lib/api-client";
import { SETTING_KEYS, type AppSettings, type SettingKey, type SettingsPatch } from "@/lib/validations/settings";

type View = { values: AppSettings; defaults: AppSettings; saved: SettingKey[] };

/** What each setting means, in the words of someone who has never run iperf3, with its unit and variable. */
const FIELDS: Record<SettingKey, { label: string; unit: string; env: string; hint: string; step: string }> = {
  collectIntervalMinutes: {
    label: "Collect every",
    unit: "minutes",
    env: "NETDIAG_COLLECT_INTERVAL",
    hint: "How often netdiag logs into every host to read its network cards and neighbor table. 0 turns automatic collection off.",
    step: "1",
  },
  dfProbeIntervalHours: {
    label: "Re-check jumbo-frame paths every",
    unit: "hours",
    env: "NETDIAG_DF_PROBE_INTERVAL_HOURS",
    hint: "Between two hosts that both use large packets (MTU above 1500), netdiag sends pings that must not be split up, to prove every switch in between passes them. 0: only when such a pair first appears or an MTU changes.",
    step: "1",
  },
  asymmetryRatio: {
    label: "Flag a speed test as lopsided below",
    unit: "× the faster direction",
    env: "NETDIAG_IPERF_ASYMMETRY_RATIO",
    hint: "A speed test measures both directions. When the slower one reaches less than this share of the faster one (0.75 = 75 %), the return path is suspect.",
    step: "0.01",
  },
  asymmetryMinGapMbps: {
    label: "…and only when the gap is at least",
    unit: "Mbit/s",
    env: "NETDIAG_IPERF_ASYMMETRY_MIN_GAP_MBPS",
    hint: "Small differences on slow links are noise: a gap below this is never flagged.",
    step: "1",
  },
  linkSpeedRatio: {
    label: "Flag a speed test below",
    unit: "× the link speed",
    env: "NETDIAG_IPERF_LINK_SPEED_RATIO",
    hint: "When even the faster direction stays under this share of what the network cards negotiated (0.7 = 70 %), something in the path holds it back.",
    step: "0.01",
  },
  retransmitPercent: {
    label: "Flag resent data above",
    unit: "% of segments",
    env: "NETDIAG_IPERF_RETRANSMIT_PERCENT",
    hint: "TCP resends what got lost; more than this share points at a bad cable, a full buffer or a duplex problem.",
    step: "0.1",
  },
};

/** The settings stored in the database, each starting at its environment variable. */
export function AppSettingsForm({ initial }: { initial: View }) {
  const [view, setView] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<SettingKey, string>>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function save(patch: SettingsPatch, done: string) {
    setPending(true);
    setMessage(null);
    const res = await api.settings.update(patch);
    setPending(false);
    if (!res.ok) {
      setErrors((res.error.fields ?? {}) as Partial<Record<SettingKey, string>>);
      setMessage({ ok: false, text: res.error.fields ? "Check the fields marked below; nothing was saved." : res.error.message });
      return;
    }
    setErrors({});
    setView(res.data);
    setMessage({ ok: true, text: done });
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const patch: SettingsPatch = {};
    const local: Partial<Record<SettingKey, string>> = {};
    for (const k of SETTING_KEYS) {
      const text = String(data.get(k) ?? "").trim();
      const n = Number(text);
      if (text === "" || !Number.isFinite(n)) local[k] = "Enter a number";
      else if (n !== view.values[k]) patch[k] = n;
    }
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage({ ok: false, text: "Check the fields marked below; nothing was saved." });
      return;
    }
    await save(patch, "Saved.");
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Collection and thresholds" className="flex flex-col gap-4 p-4">
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-300" : "text-red-300"}`}>
          {message.text}
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        {SETTING_KEYS.map((k) => {
          const f = FIELDS[k];
          const id = `setting-${k}`;
          const saved = view.saved.includes(k);
          const hint = (
            <>
              {f.hint} Default {view.defaults[k]} ({f.env}){saved ? "; saved here" : ""}.
            </>
          );
          return (
            <Field key={`${k}-${view.values[k]}`} id={id} label={`${f.label} (${f.unit})`} error={errors[k]} hint={hint}>
              <div className="flex items-center gap-2">
                <Input {...controlProps(id, errors[k], true)} name={k} type="number" inputMode="decimal" step={f.step} defaultValue={view.values[k]} className="max-w-40" />
                {saved && (
                  <Button type="button" variant="ghost" disabled={pending} onClick={() => save({ [k]: null }, `${f.label}: back to the default (${view.defaults[k]}).`)}>
                    Use default
                  </Button>
                )}
              </div>
            </Field>
          );
        })}
      </div>
      <Button type="submit" variant="primary" pending={pending} className="self-start">
        Save settings
      </Button>
    </form>
  );
}
