"use client";

import { useState } from "react";
import { api } from "@/lib/api-client";

type Result = { ok: boolean; text: string } | null;

/** POST …/test sends while the request waits, so its answer is the receiver's. */
export function useSendTest(channelId: number, onDone: () => void) {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const [count, setCount] = useState(0);
  async function send() {
    setPending(true);
    setResult(null);
    const res = await api.notifications.test(channelId);
    setPending(false);
    setCount((n) => n + 1);
    if (!res.ok) return setResult({ ok: false, text: `Failed: ${res.error.message}` });
    const d = res.data;
    const answer = d.answer ?? d.log.at(-1)?.answer ?? null;
    setResult(d.status === "sent" ? { ok: true, text: answer ? `Delivered (${answer})` : "Delivered" } : { ok: false, text: `Failed: ${answer ?? "no answer"}` });
    onDone();
  }
  return { pending, result, count, send };
}

/** Both regions stay in the page so a screen reader hears each new result (a live region added with its text may be missed). */
export function TestResult({ result }: { result: Result }) {
  return (
    <>
      <p role="status" className="break-words text-sm text-emerald-300 empty:hidden">
        {result?.ok ? result.text : null}
      </p>
      <p role="alert" className="break-words text-sm text-red-300 empty:hidden">
        {result && !result.ok ? result.text : null}
      </p>
    </>
  );
}
