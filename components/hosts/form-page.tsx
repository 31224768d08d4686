import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

type Crumb = { href: string; label: string };
/** `current` is the breadcrumb for this page; defaults to the title. */
type Props = { title: string; current?: string; description: string; crumbs: Crumb[]; children: ReactNode };

export function FormPage({ title, current = title, description, crumbs, children }: Props) {
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-xs text-zinc-400">
        {crumbs.map((c) => (
          <span key={c.href}>
            <Link href={c.href} className="hover:text-zinc-300">
              {c.label}
            </Link>
            <span aria-hidden="true"> / </span>
          </span>
        ))}
        <span className="text-zinc-400" aria-current="page">{current}</span>
      </nav>
      <div>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-1 text-sm text-zinc-400">{description}</p>
      </div>
      <Card className="p-4 sm:p-6">{children}</Card>
    </div>
  );
}
