"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import type { HostView } from "@/lib/domain/views";
import type { ConnectionTestView } from "@/lib/domain/host";
import { api } from "@/lib/api-client";
import { ConnectionFields } from "./connection-fields";
import { CredentialFields } from "./credential-fields";
import { firstInvalidFieldId, formErrorMessage, readHostForm, splitFieldErrors, type AuthMethod, type FieldErrors } from "./host-form-values";

const focusField = (errors: FieldErrors) => {
  const id = firstInvalidFieldId(errors);
  if (id) document.getElementById(id)?.focus();
};

const storedAuth = (h: HostView): AuthMethod | null => (h.useNetdiagKey ? "netdiag" : h.hasPrivateKey ? "key" : h.hasPassword ? "password" : null);

/** Add (no host) or edit (host given). Secrets are never prefilled: the API never returns them. */
export function HostForm({ host, netdiagPublicKey }: { host?: HostView; netdiagPublicKey: string }) {
  const router = useRouter();
  const stored = host ? storedAuth(host) : null;
  const [auth, setAuth] = useState<AuthMethod>(stored ?? "key");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ message: string; details: string[] } | null>(null);
  const [pending, setPending] = useState(false);
  const [test, setTest] = useState<{ result: ConnectionTestView; target: string } | null>(null);
  const [testing, setTesting] = useState(false);
  const [pinTested, setPinTested] = useState(false);

  /** Logs in with what is typed, stores nothing: reachability, login, platform, host key. */
  async function testConnection(form: HTMLFormElement) {
    const data = new FormData(form);
    const read = readHostForm((f) => String(data.get(f) ?? ""), auth, { kind: "create" });
    // The name matters only when saving.
    const errors = Object.fromEntries(Object.entries(read.errors).filter(([k]) => k !== "name")) as FieldErrors;
    setErrors(errors);
    if (Object.keys(errors).length > 0) {
      focusField(errors);
      return;
    }
    const body = { ...read.body, name: undefined };
    setTesting(true);
    setPinTested(false);
    const res = await api.hosts.testConnection(body);
    setTesting(false);
    if (!res.ok) {
      const { byField, other } = splitFieldErrors(res.error.fields);
      setErrors(byField);
      setFormError({ message: formErrorMessage(res.error.message, byField), details: other });
      setTest(null);
      return;
    }
    setFormError(null);
    setTest({ result: res.data, target: `${body.address}:${body.port}` });
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const mode = host ? { kind: "edit" as const, storedAuth: stored } : { kind: "create" as const };
    const read = readHostForm((f) => String(data.get(f) ?? ""), auth, mode);
    // Pin only a key confirmed for the address and port being saved.
    const tested = test?.result.hostKey;
    if (!host && pinTested && tested && test.target === `${read.body.address}:${read.body.port}`) read.body.hostKeyFingerprint = tested.fingerprint;
    setErrors(read.errors);
    setFormError(null);
    if (Object.keys(read.errors).length > 0) {
      focusField(read.errors);
      return;
    }
    setPending(true);
    const res = host ? await api.hosts.update(host.id, read.body) : await api.hosts.create(read.body);
    if (!res.ok) {
      setPending(false);
      const { byField, other } = splitFieldErrors(res.error.fields);
      setErrors(byField);
      setFormError({ message: formErrorMessage(res.error.message, byField), details: other });
      focusField(byField);
      return;
    }
    router.push(`/hosts/${res.data.id}`);
    router.refresh();
  }

  return (
    <form method="post" noValidate onSubmit={submit} className="flex flex-col gap-6" aria-label={host ? "Edit host" : "Add host"}>
      {formError && (
        <div role="alert" className="rounded-md border border-red-500/50 bg-red-950/40 px-3 py-2 text-sm text-red-200">
          <p>{formError.message}</p>
          {formError.details.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-xs">{formError.details.map((d) => <li key={d}>{d}</li>)}</ul>
          )}
        </div>
      )}
      <ConnectionFields host={host} errors={errors} />
      <div className="border-t border-zinc-800 pt-5">
        <CredentialFields auth={auth} onAuthChange={setAuth} stored={stored} errors={errors} netdiagPublicKey={netdiagPublicKey} />
      </div>
      {!host && (
        <section aria-label="Test connection" className="flex flex-col gap-2 border-t border-zinc-800 pt-4">
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" pending={testing} onClick={(e) => void testConnection(e.currentTarget.form as HTMLFormElement)}>
              Test connection
            </Button>
            <p className="text-xs text-zinc-400">Logs in with the details above and reads the host key and platform. Nothing is saved.</p>
          </div>
          {test && <ConnectionTestResult result={test.result} target={test.target} pin={pinTested} onPinChange={setPinTested} />}
        </section>
      )}
      <div className="flex items-center justify-end gap-2 border-t border-zinc-800 pt-4">
        <ButtonLink href={host ? `/hosts/${host.id}` : "/"} variant="ghost">
          Cancel
        </ButtonLink>
        <Button type="submit" variant="primary" pending={pending}>
          {host ? "Save" : "Add host"}
        </Button>
      </div>
    </form>
  );
}

function ConnectionTestResult({ result, target, pin, onPinChange }: { result: ConnectionTestView; target: string; pin: boolean; onPinChange: (v: boolean) => void }) {
  return (
    <div role="status" aria-label="Connection test result" className={`rounded-md border px-3 py-2 text-sm ${result.ok ? "border-emerald-700/60 bg-emerald-950/30" : "border-red-500/50 bg-red-950/40"}`}>
      <p className={result.ok ? "text-emerald-200" : "text-red-200"}>
        {result.ok ? `Logged in to ${target} as a ${result.platform} host in ${result.durationMs} ms.` : `Could not collect ${target}: ${result.error?.message ?? "unknown error"}`}
      </p>
      {result.hostKey && (
        <>
          <p className="mt-1 text-zinc-300">
            Host key ({result.hostKey.algorithm}): <code className="break-all font-mono text-xs text-zinc-100">{result.hostKey.fingerprint}</code>
          </p>
          <p className="mt-1 text-xs text-zinc-400">
            Compare it with what the host says: <code className="font-mono">ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code> (or the key type above). A different value means something sits between netdiag and the host.
          </p>
          <label className="mt-2 flex items-center gap-2 text-zinc-200">
            <input type="checkbox" checked={pin} onChange={(e) => onPinChange(e.target.checked)} />
            I compared it: trust this key when saving
          </label>
        </>
      )}
    </div>
  );
}
