"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, controlProps } from "@/components/ui/field";
import { api } from "@/lib/api-client";

type Errors = { currentPassword?: string; newPassword?: string; confirm?: string };

/** Changes the password; this browser stays signed in, every other session is logged out. */
export function PasswordChangeForm() {
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const currentPassword = String(data.get("currentPassword") ?? "");
    const newPassword = String(data.get("newPassword") ?? "");
    setMessage(null);
    if (newPassword !== String(data.get("confirm") ?? "")) {
      setErrors({ confirm: "The two passwords differ" });
      return;
    }
    setPending(true);
    const res = await api.auth.changePassword({ currentPassword, newPassword });
    setPending(false);
    if (!res.ok) {
      setErrors(res.error.fields ?? {});
      setMessage({ ok: false, text: res.error.fields ? "Check the field marked below." : res.error.message });
      return;
    }
    setErrors({});
    form.reset();
    const others = res.data.sessionsEnded;
    setMessage({ ok: true, text: `Password changed. ${others === 1 ? "1 other session was" : `${others} other sessions were`} logged out.` });
  }

  return (
    <form onSubmit={submit} noValidate className="flex w-full max-w-sm flex-col gap-3" aria-label="Change password">
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-300" : "text-red-300"}`}>
          {message.text}
        </p>
      )}
      <Field id="current-password" label="Current password" error={errors.currentPassword} required>
        <Input {...controlProps("current-password", errors.currentPassword)} name="currentPassword" type="password" autoComplete="current-password" />
      </Field>
      <Field id="new-password" label="New password" error={errors.newPassword} hint="At least 12 characters" required>
        <Input {...controlProps("new-password", errors.newPassword, true)} name="newPassword" type="password" autoComplete="new-password" />
      </Field>
      <Field id="confirm-password" label="Repeat new password" error={errors.confirm} required>
        <Input {...controlProps("confirm-password", errors.confirm)} name="confirm" type="password" autoComplete="new-password" />
      </Field>
      <Button type="submit" variant="primary" pending={pending} className="self-start">
        Change password
      </Button>
    </form>
  );
}
