"use client";

import { usePathname } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/api-client";
import { NavLink } from "./nav-link";

/** Settings and log out; hidden on the login and setup pages, where nobody is signed in. */
export function AccountMenu() {
  const pathname = usePathname();
  const [pending, setPending] = useState(false);
  if (pathname === "/login" || pathname === "/setup") return null;
  async function logout() {
    setPending(true);
    await api.auth.logout();
    // A full load on purpose: every cached view was rendered for the signed-in user.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/login");
  }
  return (
    <div className="flex items-center gap-1">
      <NavLink href="/settings">Settings</NavLink>
      <Button size="sm" variant="ghost" onClick={logout} pending={pending}>
        Log out
      </Button>
    </div>
  );
}
