"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/lib/api-client";
import { summarize } from "./probe-result";

/** Runs DF pings between this host and its subnet peers (seconds), then refreshes the table. */
export function VerifyMtuButton({ hostId }: { hostId: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);

  async function verify() {
    setPending(true);
    setMessage(null);
    const res = await api.hosts.verifyMtu(hostId);
    setPending(false);
    if (!res.ok) {
      setMessage({ text: res.error.message, bad: true });
      return;
    }
    const bad = res.data.probes.some((p) => p.error !== null || !p.ok);
    setMessage({ text: summarize(res.data.probes), bad });
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center">
      <p role="status" className={`mr-3 text-xs empty:mr-0 ${message?.bad ? "text-amber-300" : "text-zinc-400"}`}>
        {pending ? "Pinging peers with don't-fragment set… a few seconds" : message?.text}
        {/* A count of failures is not a diagnosis: the findings say which link and what to change. */}
        {!pending && message?.bad && (
          <>
            {" · "}
            <Link href={`/findings?host=${hostId}`} className="text-sky-300 underline decoration-sky-300/40 hover:decoration-sky-300">
              what they mean and how to fix it
            </Link>
          </>
        )}
      </p>
      <Button variant="secondary" onClick={verify} pending={pending}>
        Verify MTU
      </Button>
    </div>
  );
}
