"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import type { HostView } from "@/lib/domain/views";
import { api } from "@/lib/api-client";
import { ConnectionFields } from "./connection-fields";
import { CredentialFields } from "./credential-fields";
import { firstInvalidFieldId, formErrorMessage, readHostForm, splitFieldErrors, type AuthMethod, type FieldErrors } from "./host-form-values";

const focusField = (errors: FieldErrors) => {
  const id = firstInvalidFieldId(errors);
  if (id) document.getElementById(id)?.focus();
};

const storedAuth = (h: HostView): AuthMethod | null => (h.hasPrivateKey ? "key" : h.hasPassword ? "password" : null);

/** Add (no host) or edit (host given). Secrets are never prefilled: the API never returns them. */
export function HostForm({ host }: { host?: HostView }) {
  const router = useRouter();
  const stored = host ? storedAuth(host) : null;
  const [auth, setAuth] = useState<AuthMethod>(stored ?? "key");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<{ message: string; details: string[] } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const mode = host ? { kind: "edit" as const, storedAuth: stored } : { kind: "create" as const };
    const read = readHostForm((f) => String(data.get(f) ?? ""), auth, mode);
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
        <CredentialFields auth={auth} onAuthChange={setAuth} stored={stored} errors={errors} />
      </div>
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
