"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box that scrolls sideways instead of widening the page. Only while its content is really
 * wider than it does it become a named, focusable region (keyboard users scroll it with the
 * arrow keys; axe's scrollable-region-focusable): at widths where everything fits, a tab stop
 * and a landmark beside the card's own would only be noise.
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    // Rows come and go (filters, expanded details) without the box itself resizing: watch both.
    const observer = new ResizeObserver(() => setScrolls(box.scrollWidth > box.clientWidth + 1));
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);
  const region = scrolls ? ({ role: "region", "aria-label": `${label} (scrolls sideways)`, tabIndex: 0 } as const) : {};
  return (
    <div
      ref={ref}
      {...region}
      className={`max-w-full overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-400 ${className}`}
    >
      {children}
    </div>
  );
}
