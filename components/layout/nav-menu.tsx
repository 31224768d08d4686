"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

const PANEL_ID = "main-menu";

/**
 * Below `md` the links fold behind a "Menu" button (a disclosure: the panel pushes the page
 * down rather than covering it); from `md` up they are always shown and the button is gone.
 * The panel closes when a link in it is followed, when the route changes, and on Escape.
 */
export function NavMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const hydrated = useHydrated();
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(pathname);
  // Back/forward or a redirect changes the route without a click in the panel.
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  // A link to the page already shown changes no route, so the click itself closes the panel.
  const onPanelClick = (e: MouseEvent<HTMLDivElement>) => {
    if (e.target instanceof Element && e.target.closest("a")) setOpen(false);
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={PANEL_ID}
        onClick={() => setOpen(!open)}
        // Until React owns the button a click would be lost; disabled, it is waited for.
        disabled={!hydrated}
        className="ml-auto inline-flex h-8 items-center gap-1.5 rounded-md border border-zinc-700 px-2.5 text-sm text-zinc-200 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 disabled:opacity-60 md:hidden"
      >
        <MenuIcon open={open} />
        Menu
      </button>
      <div
        id={PANEL_ID}
        onClick={onPanelClick}
        className={`${open ? "flex" : "hidden"} basis-full flex-col gap-3 border-t border-zinc-800 py-3 md:flex md:flex-1 md:basis-auto md:flex-row md:items-center md:gap-4 md:border-0 md:py-0`}
      >
        {children}
      </div>
    </>
  );
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg viewBox="0 0 16 16" className="size-4" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
      {open ? <path d="M4 4l8 8M12 4l-8 8" /> : <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />}
    </svg>
  );
}
