import type { HostView } from "@/lib/domain/views";
import { AcceptHostKeyButton } from "./accept-host-key-button";

/** Shown while the host offers a key other than the pinned one; collection stays blocked until resolved. */
export function HostKeyWarning({ host }: { host: HostView }) {
  if (host.hostKeyState !== "changed" || !host.offeredHostKeyFingerprint) return null;
  return (
    <section
      role="alert"
      aria-labelledby="host-key-warning-heading"
      className="rounded-lg border border-red-500/60 bg-red-950/40 p-4"
    >
      <h2 id="host-key-warning-heading" className="text-sm font-semibold text-red-200">
        Warning: the SSH host key of {host.name} has changed
      </h2>
      <p className="mt-1 text-sm text-red-100/80">
        netdiag stopped before logging in and sent nothing to the host. This is expected if you reinstalled the host or
        regenerated its SSH keys. If you did not, something may be intercepting the connection (a man-in-the-middle) —
        check the fingerprint on the host&apos;s console with <code className="font-mono">ssh-keygen -lf</code> before
        accepting.
      </p>
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[max-content_1fr]">
        <dt className="text-red-200/70">Pinned (expected)</dt>
        <dd className="break-all font-mono text-zinc-200">{host.hostKeyFingerprint ?? "—"}</dd>
        <dt className="text-red-200/70">Offered now</dt>
        <dd className="break-all font-mono text-red-100">{host.offeredHostKeyFingerprint}</dd>
      </dl>
      <div className="mt-3">
        <AcceptHostKeyButton hostId={host.id} hostName={host.name} fingerprint={host.offeredHostKeyFingerprint} />
      </div>
    </section>
  );
}
