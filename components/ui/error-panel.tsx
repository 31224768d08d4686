"use client";

import { useEffect } from "react";
import { Button } from "./button";

/** Body of every route's error.tsx. Server errors arrive with a digest only (details are in the server log). */
export function ErrorPanel({ error, retry, what }: { error: unknown; retry: () => void; what: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  const message = error instanceof Error && !digest ? error.message : null;
  return (
    <div role="alert" className="mx-auto mt-10 flex max-w-lg flex-col items-start gap-3 rounded-lg border border-red-500/40 bg-red-950/30 p-5">
      <h1 className="text-base font-semibold text-red-200">Could not load {what}</h1>
      <p className="text-sm text-zinc-300">
        {message ?? "The server hit an error while building this page. Check the server log for details, then try again."}
      </p>
      {digest && <p className="font-mono text-xs text-zinc-400">Error id: {digest}</p>}
      <Button variant="secondary" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
