"use client";

import { useState, type PointerEvent } from "react";
import { usePlotArea, useXAxisInverseScale } from "recharts";
import { dragToRange } from "./zoom";

/**
 * Inside a recharts chart: drag across the plot to select a time range (recharts' ReferenceArea
 * zoom, drawn here in pixels so it needs no data point under the pointer). The selection is
 * shown while dragging; releasing hands the range to `onZoom`. Pointer capture keeps the drag
 * alive when the pointer leaves the plot. Keyboard users pick the same range in the page's inputs.
 */
export function ZoomLayer({ onZoom }: { onZoom: (from: number, to: number) => void }) {
  const invert = useXAxisInverseScale();
  const plot = usePlotArea();
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  if (!invert || !plot) return null;
  const xOf = (e: PointerEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return Math.min(plot.x + plot.width, Math.max(plot.x, plot.x + e.clientX - box.left));
  };
  const end = (e: PointerEvent<SVGRectElement>) => {
    if (!drag) return;
    setDrag(null);
    const x1 = xOf(e);
    const range = dragToRange({ x: drag.x0, t: Number(invert(drag.x0)) }, { x: x1, t: Number(invert(x1)) });
    if (range) onZoom(range.from, range.to);
  };
  return (
    <g className="chart-zoom">
      {drag && (
        <rect x={Math.min(drag.x0, drag.x1)} width={Math.abs(drag.x1 - drag.x0)} y={plot.y} height={plot.height} fill="#38bdf8" fillOpacity={0.15} stroke="#38bdf8" strokeOpacity={0.5} pointerEvents="none" />
      )}
      <rect
        data-testid="chart-zoom-area"
        x={plot.x}
        y={plot.y}
        width={plot.width}
        height={plot.height}
        fill="transparent"
        style={{ cursor: "crosshair", touchAction: "pan-y" }}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          const x = xOf(e);
          setDrag({ x0: x, x1: x });
        }}
        onPointerMove={(e) => {
          if (!drag) return;
          const x = xOf(e);
          setDrag((d) => (d ? { ...d, x1: x } : d));
        }}
        onPointerUp={end}
        onPointerCancel={() => setDrag(null)}
      />
    </g>
  );
}
