"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/api-client";

/** Ends every session of the user, this one too; API tokens stay unless the box is ticked. */
export function LogoutEverywhereForm() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const revokeTokens = new FormData(e.currentTarget).get("revokeTokens") === "on";
    const what = revokeTokens ? "every browser session (this one too) and every API token" : "every browser session, this one too";
    if (!window.confirm(`End ${what}?`)) return;
    setPending(true);
    const res = await api.auth.logoutEverywhere(!revokeTokens);
    if (!res.ok) {
      setPending(false);
      setError(res.error.message);
      return;
    }
    // A full load: this browser's session has ended too.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/login");
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Log out everywhere">
      {error && (
        <p role="alert" className="text-sm text-red-300">
          {error}
        </p>
      )}
      <label className="flex items-center gap-2 text-sm text-zinc-300">
        <input type="checkbox" name="revokeTokens" className="size-4 accent-sky-500" />
        Also revoke every API token
      </label>
      <Button type="submit" pending={pending} className="self-start">
        Log out everywhere
      </Button>
    </form>
  );
}
