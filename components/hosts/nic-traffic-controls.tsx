"use client";

import { useState, type FormEvent } from "react";
import { TRAFFIC_RANGES, type TrafficRange } from "@/lib/domain/traffic";
import { fromInputValue, toInputValue, type TrafficView } from "./nic-traffic-view";

const LABELS: Record<TrafficRange, string> = { "24h": "24 h", "7d": "7 d", "30d": "30 d", "1y": "1 y" };
const BUTTON = "h-7 rounded border px-2 text-xs focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400";
const INPUT = "h-7 rounded border border-zinc-700 bg-zinc-950 px-1.5 text-xs text-zinc-100 [color-scheme:dark]";

type Props = {
  nics: string[];
  view: TrafficView & { nic: string };
  /** The span shown now (a named range ends now): the custom inputs start from it. */
  shown: { from: number; to: number } | null;
  onChange: (view: TrafficView) => void;
};

/** Interface, range and custom span of the traffic charts: buttons and a form, so all of it works from the keyboard. */
export function NicTrafficControls({ nics, view, shown, onChange }: Props) {
  const zoomed = view.from !== null;
  const [error, setError] = useState<string | null>(null);
  // The inputs follow the span on screen (a drag, a range button, a refresh) until the user types
  // in them: a chart answer arriving mid-typing must not wipe what was typed. A new view (range,
  // zoom, NIC) is a fresh start.
  const viewKey = `${view.nic}|${view.range}|${view.from}|${view.to}`;
  const shownKey = shown ? `${shown.from}-${shown.to}` : "none";
  const [inputs, setInputs] = useState({ from: shown ? toInputValue(shown.from) : "", to: shown ? toInputValue(shown.to) : "", edited: false, viewKey, shownKey });
  if (inputs.viewKey !== viewKey || (inputs.shownKey !== shownKey && !inputs.edited)) {
    setInputs({ from: shown ? toInputValue(shown.from) : "", to: shown ? toInputValue(shown.to) : "", edited: false, viewKey, shownKey });
  }
  const type = (field: "from" | "to", value: string) => setInputs((s) => ({ ...s, [field]: value, edited: true }));
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const from = fromInputValue(inputs.from);
    const to = fromInputValue(inputs.to);
    if (from === null || to === null || from >= to) return setError("Pick a start before the end.");
    setError(null);
    onChange({ ...view, from, to });
  };
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5">
      <label className="flex items-center gap-1.5 text-xs text-zinc-300">
        NIC
        <select value={view.nic} onChange={(e) => onChange({ ...view, nic: e.target.value })} className={`${INPUT} max-w-40`}>
          {(nics.includes(view.nic) ? nics : [view.nic, ...nics]).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <div role="group" aria-label="Range" className="flex gap-1">
        {TRAFFIC_RANGES.map((r) => {
          const on = !zoomed && r === view.range;
          return (
            <button key={r} type="button" aria-pressed={on} onClick={() => onChange({ ...view, range: r, from: null, to: null })} className={`${BUTTON} ${on ? "border-zinc-500 bg-zinc-800 text-zinc-50" : "border-transparent text-zinc-400 hover:text-zinc-100"}`}>
              {LABELS[r]}
            </button>
          );
        })}
      </div>
      <form onSubmit={submit} aria-label="Custom range" className="flex flex-wrap items-center gap-1.5 text-xs text-zinc-300">
        <label className="flex items-center gap-1">
          From (UTC)
          <input type="datetime-local" name="from" value={inputs.from} onChange={(e) => type("from", e.target.value)} className={INPUT} />
        </label>
        <label className="flex items-center gap-1">
          To (UTC)
          <input type="datetime-local" name="to" value={inputs.to} onChange={(e) => type("to", e.target.value)} className={INPUT} />
        </label>
        <button className={`${BUTTON} border-zinc-700 hover:bg-zinc-800`} aria-pressed={zoomed}>
          Custom
        </button>
        {zoomed && (
          <button type="button" onClick={() => onChange({ ...view, from: null, to: null })} className={`${BUTTON} border-zinc-700 hover:bg-zinc-800`}>
            Reset zoom
          </button>
        )}
        {error && (
          <span role="alert" className="text-red-300">
            {error}
          </span>
        )}
      </form>
    </div>
  );
}
