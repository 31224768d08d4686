import Link from "next/link";
import { ButtonLink } from "@/components/ui/button-link";
import { AccountMenu } from "./account-menu";
import { NavLink } from "./nav-link";
import { NavMenu } from "./nav-menu";

export function TopNav() {
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-800 bg-zinc-950/90 backdrop-blur">
      <nav aria-label="Main" className="mx-auto flex max-w-[1400px] flex-wrap items-center gap-x-4 px-4 sm:px-6">
        <Link href="/" className="flex h-12 items-center gap-2 font-semibold tracking-tight text-zinc-50" aria-label="netdiag home">
          <Logo />
          <span>netdiag</span>
        </Link>
        <NavMenu>
          <div className="flex flex-col gap-1 md:flex-row md:items-center">
            <NavLink href="/">Hosts</NavLink>
            <NavLink href="/findings">Findings</NavLink>
            <NavLink href="/iperf">iperf</NavLink>
          </div>
          <div className="flex flex-wrap items-center gap-2 border-t border-zinc-800 pt-3 md:ml-auto md:border-0 md:pt-0">
            <ButtonLink href="/hosts/new" variant="primary" size="sm">
              <span aria-hidden="true">+</span> Add host
            </ButtonLink>
            <AccountMenu />
          </div>
        </NavMenu>
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
