"use client";

import { useEffect, useState } from "react";
import { formatDateTime, formatRelativeTime } from "@/components/format";

/** "5 min ago" that keeps itself current; the exact UTC time is in the tooltip and dateTime. */
export function RelativeTime({ iso, className = "" }: { iso: string | null; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  if (!iso) return <span className={className}>never</span>;
  return (
    // The server renders with its clock and the browser with its own: seconds may differ.
    <time dateTime={iso} title={formatDateTime(iso)} className={className} suppressHydrationWarning>
      {formatRelativeTime(iso, now)}
    </time>
  );
}
