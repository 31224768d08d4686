"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/api-client";

export function RevokeTokenButton({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function revoke() {
    if (!window.confirm(`Revoke the token “${name}”? Scripts using it will get 401.`)) return;
    setPending(true);
    const res = await api.tokens.revoke(id);
    setPending(false);
    if (!res.ok) setError(res.error.message);
    else router.refresh();
  }
  return (
    <span className="flex items-center gap-2">
      <Button size="sm" onClick={revoke} pending={pending} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
      {error && <span className="text-xs text-red-400">{error}</span>}
    </span>
  );
}
