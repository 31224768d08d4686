import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { ScrollRegion } from "./scroll-region";

/**
 * Scrolls sideways inside its card on narrow screens instead of squeezing columns or widening
 * the page; put the columns a reader needs first, so the first screenful answers.
 */
export function Table({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    <ScrollRegion label={label}>
      <table aria-label={label} className={`w-full border-collapse text-left text-[13px] tabular-nums ${className}`}>
        {children}
      </table>
    </ScrollRegion>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-zinc-800 text-[11px] font-medium uppercase tracking-wide text-zinc-400">
      {children}
    </thead>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-zinc-800/70">{children}</tbody>;
}

export function TR({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <tr className={`hover:bg-zinc-800/30 ${className}`}>{children}</tr>;
}

type ThProps = ThHTMLAttributes<HTMLTableCellElement> & { align?: "left" | "right" };

export function TH({ align = "left", className = "", children, ...rest }: ThProps) {
  const a = align === "right" ? "text-right" : "text-left";
  return (
    <th scope="col" className={`whitespace-nowrap px-2.5 py-2 font-medium ${a} ${className}`} {...rest}>
      {children}
    </th>
  );
}

type TdProps = TdHTMLAttributes<HTMLTableCellElement> & { align?: "left" | "right"; mono?: boolean; wrap?: boolean };

export function TD({ align = "left", mono = false, wrap = false, className = "", children, ...rest }: TdProps) {
  const a = align === "right" ? "text-right" : "text-left";
  const f = mono ? "font-mono text-[12px]" : "";
  const w = wrap ? "whitespace-normal" : "whitespace-nowrap";
  return (
    <td className={`${w} px-2.5 py-1.5 align-top text-zinc-200 ${a} ${f} ${className}`} {...rest}>
      {children}
    </td>
  );
}

/** Muted em dash for a value the host did not report. */
export function Missing() {
  return (
    <span className="text-zinc-400" title="not reported">
      —
    </span>
  );
}
