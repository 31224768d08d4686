import Link from "next/link";
import { ButtonLink } from "@/components/ui/button-link";
import { AccountMenu } from "./account-menu";
import { NavLink } from "./nav-link";

export function TopNav() {
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-800 bg-zinc-950/90 backdrop-blur">
      <nav aria-label="Main" className="mx-auto flex h-12 max-w-[1400px] items-center gap-4 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-zinc-50" aria-label="netdiag home">
          <Logo />
          <span>netdiag</span>
        </Link>
        <div className="flex items-center gap-1">
          <NavLink href="/">Hosts</NavLink>
          <NavLink href="/findings">Findings</NavLink>
          <NavLink href="/iperf">iperf</NavLink>
        </div>
        <div className="ml-auto flex items-center gap-2">
          <ButtonLink href="/hosts/new" variant="primary" size="sm">
            <span aria-hidden="true">+</span> Add host
          </ButtonLink>
          <AccountMenu />
        </div>
      </nav>
    </header>
  );
}

function Logo() {
  return (
    <svg viewBox="0 0 20 20" className="size-5 text-sky-400" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8">
      <circle cx="4" cy="10" r="2" />
      <circle cx="16" cy="4" r="2" />
      <circle cx="16" cy="16" r="2" />
      <path d="M6 9l8-4M6 11l8 4" strokeLinecap="round" />
    </svg>
  );
}
