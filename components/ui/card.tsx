import type { ReactNode } from "react";

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <div className={`rounded-lg border border-zinc-800 bg-zinc-900/60 ${className}`}>{children}</div>;
}

type SectionProps = {
  id: string;
  title: string;
  meta?: ReactNode;
  actions?: ReactNode;
  /** A "what is this?" line (components/ui/explain.tsx) shown under the heading. */
  explain?: ReactNode;
  children: ReactNode;
};

/** A titled card that is also a landmark region named by its heading. */
export function SectionCard({ id, title, meta, actions, explain, children }: SectionProps) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-800 px-4 py-2.5">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <h2 id={headingId} className="text-sm font-semibold text-zinc-100">
              {title}
            </h2>
            {meta && <span className="text-xs text-zinc-400">{meta}</span>}
          </div>
          {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
        </div>
        {explain && <div className="border-b border-zinc-800 px-4 py-2">{explain}</div>}
        {children}
      </Card>
    </section>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 px-4 py-10 text-center">
      <p className="text-sm font-medium text-zinc-200">{title}</p>
      {children && <div className="max-w-md text-sm text-zinc-400">{children}</div>}
    </div>
  );
}
