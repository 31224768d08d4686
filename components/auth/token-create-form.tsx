"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, controlProps } from "@/components/ui/field";
import { api, type TokenExpiryDays } from "@/lib/api-client";

/** The choices POST /api/tokens accepts (lib/validations/auth.ts), 90 days first. */
const EXPIRY: { value: string; label: string; days: TokenExpiryDays }[] = [
  { value: "90", label: "90 days", days: 90 },
  { value: "30", label: "30 days", days: 30 },
  { value: "365", label: "1 year", days: 365 },
  { value: "never", label: "Never", days: null },
];

/** Creates a token and shows it exactly once; the server keeps only its hash. */
export function TokenCreateForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<{ name?: string; expiresInDays?: string }>({});
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "");
    const choice = EXPIRY.find((e) => e.value === data.get("expiresInDays"));
    // Not `?.days ?? 90`: that turns "Never" (null) into 90 days.
    const days = choice ? choice.days : 90;
    setPending(true);
    const res = await api.tokens.create(name, days);
    setPending(false);
    if (!res.ok) {
      const fields = res.error.fields ?? {};
      setErrors({ name: fields.name ?? (fields.expiresInDays ? undefined : res.error.message), expiresInDays: fields.expiresInDays });
      return;
    }
    setErrors({});
    setCreated({ name: res.data.name, token: res.data.token });
    form.reset();
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-3">
      <form onSubmit={submit} noValidate className="flex items-end gap-2" aria-label="Create API token">
        <div className="flex-1">
          <Field id="token-name" label="Token name" error={errors.name} hint="What will use it, e.g. backup-script">
            <Input {...controlProps("token-name", errors.name, true)} name="name" autoComplete="off" />
          </Field>
        </div>
        <div className="w-32">
          <Field id="token-expiry" label="Expires after" error={errors.expiresInDays} hint="Revoke it any time">
            <Select {...controlProps("token-expiry", errors.expiresInDays, true)} name="expiresInDays" defaultValue="90">
              {EXPIRY.map((e) => (
                <option key={e.value} value={e.value}>
                  {e.label}
                </option>
              ))}
            </Select>
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
