"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/api-client";

export function DeleteHostButton({ hostId, hostName }: { hostId: number; hostName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setPending(true);
    setError(null);
    const res = await api.hosts.remove(hostId);
    if (!res.ok && res.error.code !== "not_found") {
      setPending(false);
      setError(res.error.message);
      return;
    }
    router.push("/");
    router.refresh();
  }

  return (
    <>
      <Button variant="secondary" className="text-red-300 hover:text-red-200" onClick={() => setOpen(true)}>
        Delete host
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete ${hostName}?`}
        confirmLabel="Confirm delete"
        pending={pending}
        error={error}
        onConfirm={remove}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
      >
        <p>
          netdiag forgets this host, its stored credentials, pinned host key and every collected snapshot. Nothing is
          changed on the host itself. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
