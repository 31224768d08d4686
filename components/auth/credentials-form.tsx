"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, controlProps } from "@/components/ui/field";
import { api } from "@/lib/api-client";
import { safeNext } from "./safe-next";

type Props = { mode: "login" | "setup"; next?: string };

/**
 * Login and first-run setup share one form: username + password (+ confirmation and the setup
 * code from the server log on setup).
 */
export function CredentialsForm({ mode, next }: Props) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const username = String(data.get("username") ?? "");
    const password = String(data.get("password") ?? "");
    if (mode === "setup" && password !== String(data.get("confirm") ?? "")) {
      setErrors({ confirm: "The two passwords differ" });
      return;
    }
    setPending(true);
    setErrors({});
    setMessage(null);
    const res =
      mode === "login"
        ? await api.auth.login({ username, password })
        : await api.auth.setup({ username, password, setupCode: String(data.get("setupCode") ?? "") });
    if (!res.ok) {
      setPending(false);
      setErrors(res.error.fields ?? {});
      setMessage(res.error.fields ? "Check the field marked below." : res.error.message);
      return;
    }
    // A full navigation: every cached view was rendered for a signed-out visitor.
    window.location.assign(safeNext(next));
  }

  return (
    <form method="post" noValidate onSubmit={submit} className="flex flex-col gap-4" aria-label={mode === "login" ? "Log in" : "Create the admin account"}>
      {message && (
        <p role="alert" className="rounded-md border border-red-500/50 bg-red-950/40 px-3 py-2 text-sm text-red-200">
          {message}
        </p>
      )}
      <Field id="username" label="Username" error={errors.username} required>
        <Input {...controlProps("username", errors.username)} name="username" autoComplete="username" required autoFocus />
      </Field>
      <Field id="password" label="Password" error={errors.password} hint={mode === "setup" ? "At least 12 characters" : undefined} required>
        <Input {...controlProps("password", errors.password, mode === "setup")} name="password" type="password" autoComplete={mode === "login" ? "current-password" : "new-password"} required />
      </Field>
      {mode === "setup" && (
        <Field id="confirm" label="Repeat password" error={errors.confirm} required>
          <Input {...controlProps("confirm", errors.confirm)} name="confirm" type="password" autoComplete="new-password" required />
        </Field>
      )}
      {mode === "setup" && (
        <Field id="setupCode" label="Setup code" error={errors.setupCode} hint="Printed in the server log when netdiag started" required>
          <Input {...controlProps("setupCode", errors.setupCode, true)} name="setupCode" autoComplete="off" spellCheck={false} required />
        </Field>
      )}
      <Button type="submit" variant="primary" pending={pending}>
        {mode === "login" ? "Log in" : "Create account"}
      </Button>
    </form>
  );
}
