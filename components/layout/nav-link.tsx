"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** "Hosts" stays current on host pages too: they are part of that section. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = href === "/" ? pathname === "/" || (pathname.startsWith("/hosts/") && pathname !== "/hosts/new") : pathname.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`rounded px-2 py-2 text-sm md:py-1 ${current ? "bg-zinc-800 text-zinc-50" : "text-zinc-400 hover:text-zinc-100"}`}
    >
      {children}
    </Link>
  );
}
