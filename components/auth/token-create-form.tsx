"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, controlProps } from "@/components/ui/field";
import { api } from "@/lib/api-client";

/** Creates a token and shows it exactly once; the server keeps only its hash. */
export function TokenCreateForm() {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    setPending(true);
    const res = await api.tokens.create(name);
    setPending(false);
    if (!res.ok) {
      setError(res.error.fields?.name ?? res.error.message);
      return;
    }
    setError(undefined);
    setCreated({ name: res.data.name, token: res.data.token });
    form.reset();
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-3">
      <form onSubmit={submit} noValidate className="flex items-end gap-2" aria-label="Create API token">
        <div className="flex-1">
          <Field id="token-name" label="Token name" error={error} hint="What will use it, e.g. backup-script">
            <Input {...controlProps("token-name", error, true)} name="name" autoComplete="off" />
          </Field>
        </div>
        <Button type="submit" variant="primary" pending={pending} className="mb-5">
          Create token
        </Button>
      </form>
      {created && (
        <div role="status" className="rounded-md border border-emerald-600/50 bg-emerald-950/30 p-3 text-sm">
          <p className="text-emerald-200">Token “{created.name}” created. Copy it now: it will not be shown again.</p>
          <code aria-label="New token" className="mt-2 block break-all rounded bg-zinc-950 p-2 font-mono text-xs text-zinc-100">
            {created.token}
          </code>
          <p className="mt-2 text-xs text-zinc-400">Send it as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
        </div>
      )}
    </div>
  );
}
