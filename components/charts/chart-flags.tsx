"use client";

import Link from "next/link";
import { useId, useState, type FocusEvent } from "react";
import { createPortal } from "react-dom";
import { usePlotArea, useXAxisScale } from "recharts";
import { FLAG_COLORS, FLAG_MARKER_PX, groupFlags, type ChartFlag, type FlagGroup } from "./flags";

type Format = (t: number) => string;

/**
 * Inside a recharts chart: a dashed line per marker in the plot, and the markers themselves as
 * HTML links and buttons in `overlay`. The chart's SVG is one image to assistive tech, and an
 * image cannot hold controls, so the markers live beside it, placed with the chart's own x scale.
 */
export function FlagLayer({ flags, overlay, formatTime }: { flags: ChartFlag[]; overlay: HTMLElement | null; formatTime: Format }) {
  const scale = useXAxisScale();
  const plot = usePlotArea();
  if (!scale || !plot) return null;
  const inside = (x: number | undefined): x is number => x !== undefined && x >= plot.x - 0.5 && x <= plot.x + plot.width + 0.5;
  const groups = groupFlags(flags.flatMap((flag) => (inside(scale(flag.t)) ? [{ x: scale(flag.t) as number, flag }] : [])));
  return (
    <g className="chart-flag-lines" pointerEvents="none">
      {groups.map((g) => (
        <line key={g.x} x1={g.x} x2={g.x} y1={plot.y} y2={plot.y + plot.height} stroke={FLAG_COLORS[g.severity ?? "none"]} strokeDasharray="4 3" strokeOpacity={0.8} />
      ))}
      {overlay && createPortal(<FlagMarkers groups={groups} top={plot.y} formatTime={formatTime} />, overlay)}
    </g>
  );
}

type Shown = { x: number; pinned: boolean } | null;

function FlagMarkers({ groups, top, formatTime }: { groups: FlagGroup[]; top: number; formatTime: Format }) {
  const [shown, setShown] = useState<Shown>(null);
  return groups.map((g) => {
    const mine = (s: Shown) => s?.x === g.x;
    return (
      <Marker
        key={g.x}
        group={g}
        top={top}
        formatTime={formatTime}
        open={mine(shown)}
        // Hover or focus shows the tooltip; a click pins a group's open (its links are reachable
        // by mouse, and by Tab right after the marker); leaving, blur and Escape close it.
        onShow={() => setShown((s) => (mine(s) ? s : { x: g.x, pinned: false }))}
        onPin={() => setShown((s) => (mine(s) && s?.pinned ? null : { x: g.x, pinned: true }))}
        onLeave={() => setShown((s) => (mine(s) && !s?.pinned ? null : s))}
        onClose={() => setShown((s) => (mine(s) ? null : s))}
      />
    );
  });
}

type MarkerProps = { group: FlagGroup; top: number; formatTime: Format; open: boolean; onShow: () => void; onPin: () => void; onLeave: () => void; onClose: () => void };

/** One marker: a link when it is one flag with a page, else a button that pins its tooltip open. */
function Marker({ group: g, top, formatTime, open, onShow, onPin, onLeave, onClose }: MarkerProps) {
  const tipId = useId();
  const [single] = g.flags.length === 1 ? g.flags : [];
  const color = FLAG_COLORS[g.severity ?? "none"];
  const name = single ? `${formatTime(single.t)}: ${single.label}` : `${g.flags.length} events, ${formatTime(g.flags[0]!.t)} to ${formatTime(g.flags.at(-1)!.t)}`;
  const shape = "pointer-events-auto absolute flex items-center justify-center rounded focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400";
  const box = { left: g.x - FLAG_MARKER_PX / 2, top: top - FLAG_MARKER_PX, width: FLAG_MARKER_PX, height: FLAG_MARKER_PX };
  const glyph = (
    <span aria-hidden className="flex h-4 min-w-4 items-center justify-center rounded-sm px-0.5 text-[10px] font-bold leading-none text-zinc-950" style={{ background: color }}>
      {single ? "!" : g.flags.length}
    </span>
  );
  const leave = (e: FocusEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onClose();
  };
  return (
    <div onMouseEnter={onShow} onMouseLeave={onLeave} onFocus={onShow} onBlur={leave} onKeyDown={(e) => e.key === "Escape" && onClose()}>
      {single?.href ? (
        <Link href={single.href} aria-label={name} className={shape} style={box}>
          {glyph}
        </Link>
      ) : (
        <button type="button" aria-label={name} aria-expanded={open} aria-controls={tipId} onClick={onPin} className={shape} style={box}>
          {glyph}
        </button>
      )}
      {open && (
        // Under the marker, kept inside the chart's width (15rem wide at most, 390 px screens included).
        <div
          id={tipId}
          role={single?.href ? "tooltip" : undefined}
          className="pointer-events-auto absolute z-10 w-max max-w-60 rounded border border-zinc-700 bg-zinc-900 px-2 py-1.5 text-xs text-zinc-200 shadow-lg"
          style={{ top, left: `clamp(0px, ${g.x - 120}px, calc(100% - 15rem))` }}
        >
          <FlagItems flags={g.flags} formatTime={formatTime} links={!single?.href} />
        </div>
      )}
    </div>
  );
}

function FlagItems({ flags, formatTime, links, labelledBy }: { flags: ChartFlag[]; formatTime: Format; links: boolean; labelledBy?: string }) {
  return (
    <ul aria-labelledby={labelledBy} className="flex flex-col gap-1">
      {flags.map((f, i) => (
        <li key={`${f.t}-${i}`} className="flex min-w-0 gap-1.5">
          <span aria-hidden className="mt-1 inline-block h-2 w-2 shrink-0 rounded-sm" style={{ background: FLAG_COLORS[f.severity ?? "none"] }} />
          <span className="min-w-0 [overflow-wrap:anywhere]">
            <time dateTime={new Date(f.t).toISOString()} className="text-zinc-400">
              {formatTime(f.t)}
            </time>{" "}
            {links && f.href ? (
              <Link href={f.href} className="text-sky-300 underline decoration-sky-300/40 hover:decoration-sky-300">
                {f.label}
              </Link>
            ) : (
              f.label
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The flags as text under the chart: readable by screen readers and usable on a phone. */
export function FlagList({ flags, formatTime }: { flags: ChartFlag[]; formatTime: Format }) {
  const id = useId();
  if (flags.length === 0) return null;
  return (
    <div className="mt-2 text-xs text-zinc-300">
      <p id={id} className="mb-1 font-medium text-zinc-400">
        Events on this chart
      </p>
      <FlagItems flags={flags} formatTime={formatTime} links labelledBy={id} />
    </div>
  );
}
