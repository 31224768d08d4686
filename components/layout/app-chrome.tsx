"use client";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

// The login and first-run pages belong to no one yet: links to hosts and findings there only
// lead back to the login page.
const SIGNED_OUT_PAGES = new Set(["/login", "/setup"]);

export function SignedInChrome({ children }: { children: ReactNode }) {
  return SIGNED_OUT_PAGES.has(usePathname()) ? null : children;
}
