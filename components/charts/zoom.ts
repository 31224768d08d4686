// Drag to zoom (pure): a drag across a time chart becomes the range to show next.

/** Moves shorter than this are a click (or a shaky hand), not a drag. */
export const MIN_DRAG_PX = 6;
/** Three five-minute samples: anything narrower shows one point or none. */
export const MIN_ZOOM_MS = 15 * 60_000;
const MINUTE = 60_000;

export type DragEnd = { x: number; t: number };

/**
 * The range a drag selected, in whole minutes (so the URL it lands in reads "10:05", not
 * "10:05:13.271"), at least MIN_ZOOM_MS wide around its middle; null for a click. Either
 * direction: dragging right to left selects the same range.
 */
export function dragToRange(a: DragEnd, b: DragEnd, minSpanMs = MIN_ZOOM_MS, minPx = MIN_DRAG_PX): { from: number; to: number } | null {
  if (!Number.isFinite(a.t) || !Number.isFinite(b.t) || Math.abs(a.x - b.x) < minPx) return null;
  let from = Math.floor(Math.min(a.t, b.t) / MINUTE) * MINUTE;
  let to = Math.ceil(Math.max(a.t, b.t) / MINUTE) * MINUTE;
  if (to - from < minSpanMs) {
    const mid = (from + to) / 2;
    from = Math.floor((mid - minSpanMs / 2) / MINUTE) * MINUTE;
    to = from + Math.ceil(minSpanMs / MINUTE) * MINUTE;
  }
  return { from, to };
}
