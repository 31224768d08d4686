"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/api-client";

type Props = { hostId: number; hostName: string; fingerprint: string };

/** Posts exactly the fingerprint the user was shown, so a key that changed again is not trusted. */
export function AcceptHostKeyButton({ hostId, hostName, fingerprint }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function accept() {
    setPending(true);
    setError(null);
    const res = await api.hosts.acceptHostKey(hostId, fingerprint);
    setPending(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setOpen(false);
    router.refresh();
  }

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Accept new key
      </Button>
      <ConfirmDialog
        open={open}
        title={`Trust the new host key of ${hostName}?`}
        confirmLabel="Trust this key"
        pending={pending}
        error={error}
        onConfirm={accept}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
      >
        <p>Only continue if this matches the fingerprint shown on the host itself:</p>
        <p className="mt-2 break-all rounded bg-zinc-950 px-2 py-1.5 font-mono text-xs text-zinc-100">{fingerprint}</p>
        <p className="mt-2">The old key is forgotten and the next collection logs in with this one.</p>
      </ConfirmDialog>
    </>
  );
}
