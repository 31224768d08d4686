"use client";

import Link from "next/link";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea, controlProps } from "@/components/ui/field";
import { api } from "@/lib/api-client";
import type { ImportDraftView, ImportPreview, ImportResult } from "@/lib/domain/host-import";
import { DEFAULT_SITE, normalizeSite, SITE_RULE } from "@/lib/domain/site";
import { CredentialFields } from "./credential-fields";
import type { AuthMethod, FieldErrors } from "./host-form-values";

type Source = "ssh-config" | "ansible";
const SITE_HINT = "Where every imported host is (home, parents, vps): a site with a collector of its own is collected there. Import each site's hosts in a group.";

const SOURCES: { value: Source; label: string; hint: string }[] = [
  { value: "ssh-config", label: "SSH client config", hint: "~/.ssh/config: Host, HostName, Port, User, IdentityFile" },
  { value: "ansible", label: "Ansible inventory", hint: "INI or YAML: ansible_host, ansible_port, ansible_user, group vars" },
];
/** What an import file may weigh; the server refuses more than 1 MiB too. */
const MAX_FILE_BYTES = 1024 * 1024;

const where = (x: { line: number; file?: string }) => `${x.file ? `${x.file}, ` : ""}line ${x.line}`;
const duplicateNote = (d: ImportDraftView) =>
  d.duplicates.map((x) => (x.of === "existing" ? `already a host${x.by === "name" ? " of this name" : ` (${x.name}) at this address`}` : `same ${x.by} as ${x.name} (${where({ line: x.line ?? 0, file: x.file })})`)).join("; ");

/**
 * Import from what the user already has: paste or upload, preview what would be created
 * (duplicates and per-line problems shown, duplicates left unticked), one credential for all,
 * then create. Nothing is saved before "Import".
 */
export function ImportForm({ netdiagPublicKey }: { netdiagPublicKey: string }) {
  const [source, setSource] = useState<Source>("ssh-config");
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [keep, setKeep] = useState<Set<number>>(new Set());
  const [defaultUser, setDefaultUser] = useState("root");
  const [auth, setAuth] = useState<AuthMethod>("key");
  const [errors, setErrors] = useState<FieldErrors & { text?: string; defaultUser?: string; site?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [pending, setPending] = useState(false);

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setErrors({ text: `${file.name} is larger than 1 MiB` });
    setText(await file.text());
    setPreview(null);
    setErrors({});
  }

  async function runPreview() {
    setResult(null);
    setFormError(null);
    if (!text.trim()) return setErrors({ text: "Paste or upload the file first" });
    setPending(true);
    const res = await api.hosts.importPreview({ source, text });
    setPending(false);
    if (!res.ok) {
      setErrors({ text: res.error.fields?.text ?? res.error.message });
      return;
    }
    setErrors({});
    setPreview(res.data);
    setKeep(new Set(res.data.drafts.flatMap((d, i) => (d.duplicates.length === 0 ? [i] : []))));
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!preview) return;
    const data = new FormData(e.currentTarget);
    const user = defaultUser.trim();
    const chosen = preview.drafts.filter((_, i) => keep.has(i));
    const next: typeof errors = {};
    if (chosen.some((d) => !d.username) && !user) next.defaultUser = "Give the SSH user for hosts the file names none for";
    const privateKey = String(data.get("privateKey") ?? "");
    const password = String(data.get("password") ?? "");
    if (auth === "key" && !privateKey.trim()) next.privateKey = "Paste the private key netdiag should log in with";
    if (auth === "password" && !password) next.password = "Password is required";
    const site = String(data.get("site") ?? "").trim();
    if (site && !normalizeSite(site)) next.site = SITE_RULE;
    setErrors(next);
    if (chosen.length === 0) return setFormError("Tick at least one host to import.");
    if (Object.keys(next).length > 0) return setFormError("Check the fields marked below.");
    setPending(true);
    const res = await api.hosts.importHosts({
      hosts: chosen.map((d) => ({ name: d.name, address: d.address, port: d.port, username: d.username ?? user })),
      site: site || undefined,
      ...(auth === "netdiag" ? { useNetdiagKey: true } : auth === "key" ? { privateKey, passphrase: String(data.get("passphrase") ?? "") || undefined } : { password }),
    });
    setPending(false);
    if (!res.ok) {
      const fields = res.error.fields ?? {};
      setErrors({ privateKey: fields.privateKey, passphrase: fields.passphrase, password: fields.password, site: fields.site });
      setFormError(res.error.message);
      return;
    }
    setFormError(null);
    setResult(res.data);
    setPreview(null);
  }

  const toggle = (i: number) => setKeep((s) => (s.has(i) ? new Set([...s].filter((x) => x !== i)) : new Set([...s, i])));
  const hint = SOURCES.find((s) => s.value === source)?.hint;

  return (
    <form onSubmit={submit} className="flex flex-col gap-5" noValidate aria-label="Import hosts">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-zinc-300">Import from</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {SOURCES.map((s) => (
            <label key={s.value} className="inline-flex items-center gap-2 text-sm text-zinc-200">
              <input
                type="radio"
                name="source"
                value={s.value}
                checked={source === s.value}
                onChange={() => {
                  setSource(s.value);
                  setPreview(null);
                }}
                className="size-4 accent-sky-500"
              />
              {s.label}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="import-file" label="Upload a file" hint="Or paste its text below.">
        <input id="import-file" type="file" onChange={readFile} className="text-sm text-zinc-300 file:mr-3 file:rounded file:border-0 file:bg-zinc-800 file:px-3 file:py-1.5 file:text-zinc-100" />
      </Field>
      <Field id="import-text" label="Text" error={errors.text} hint={hint} required>
        <Textarea
          {...controlProps("import-text", errors.text, hint)}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPreview(null);
          }}
          rows={10}
          spellCheck={false}
          className="font-mono text-xs"
        />
      </Field>
      <div>
        <Button type="button" onClick={runPreview} disabled={pending}>
          Preview
        </Button>
      </div>

      {preview && (
        <section aria-labelledby="import-preview-heading" className="flex flex-col gap-3">
          <h2 id="import-preview-heading" className="text-sm font-semibold text-zinc-100">
            {preview.drafts.length} host{preview.drafts.length === 1 ? "" : "s"} found, {preview.problems.length} problem{preview.problems.length === 1 ? "" : "s"}; nothing is saved until you import
          </h2>
          {preview.problems.length > 0 && (
            <ul aria-label="Problems" className="flex flex-col gap-1 text-sm">
              {preview.problems.map((p, i) => (
                <li key={i} className={p.severity === "error" ? "text-red-300" : "text-amber-300"}>
                  {p.severity === "error" ? "Error" : "Warning"}, {where(p)}: {p.message}
                </li>
              ))}
            </ul>
          )}
          {preview.drafts.length > 0 && (
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Hosts to import, scrollable">
              <table aria-label="Hosts to import" className="w-full text-left text-sm">
                <thead className="text-xs text-zinc-400">
                  <tr>
                    <th className="px-2 py-1.5">Import</th>
                    <th className="px-2 py-1.5">Name</th>
                    <th className="px-2 py-1.5">Address</th>
                    <th className="px-2 py-1.5">Port</th>
                    <th className="px-2 py-1.5">User</th>
                    <th className="px-2 py-1.5">Key file</th>
                    <th className="px-2 py-1.5">From</th>
                    <th className="px-2 py-1.5">Note</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.drafts.map((d, i) => (
                    <tr key={`${d.name}-${i}`} className="border-t border-zinc-800">
                      <td className="px-2 py-1.5">
                        <input type="checkbox" checked={keep.has(i)} onChange={() => toggle(i)} aria-label={`Import ${d.name}`} className="size-4 accent-sky-500" />
                      </td>
                      <td className="px-2 py-1.5 font-medium text-zinc-100">{d.name}</td>
                      <td className="px-2 py-1.5 font-mono text-xs">{d.address}</td>
                      <td className="px-2 py-1.5">{d.port}</td>
                      <td className="px-2 py-1.5">{d.username ?? <span className="text-zinc-500">default</span>}</td>
                      <td className="px-2 py-1.5 font-mono text-xs text-zinc-400">{d.identityFile ?? ""}</td>
                      <td className="px-2 py-1.5 text-xs text-zinc-400">{where(d)}</td>
                      <td className="px-2 py-1.5 text-xs text-amber-300">{duplicateNote(d)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.drafts.length > 0 && (
            <>
              <Field id="import-default-user" label="SSH user where the file names none" error={errors.defaultUser}>
                <Input {...controlProps("import-default-user", errors.defaultUser)} value={defaultUser} onChange={(e) => setDefaultUser(e.target.value)} autoComplete="off" />
              </Field>
              <Field id="import-site" label="Site" error={errors.site} hint={SITE_HINT}>
                <Input {...controlProps("import-site", errors.site, SITE_HINT)} name="site" defaultValue={DEFAULT_SITE} autoComplete="off" spellCheck={false} />
              </Field>
              <p className="text-sm text-zinc-400">netdiag cannot read key files named in the file from your computer: give the one login every imported host accepts (or import them in groups).</p>
              <CredentialFields auth={auth} onAuthChange={setAuth} stored={null} errors={errors} netdiagPublicKey={netdiagPublicKey} />
              {formError && (
                <p role="alert" className="text-sm text-red-300">
                  {formError}
                </p>
              )}
              <div>
                <Button type="submit" disabled={pending || keep.size === 0}>
                  Import {keep.size} host{keep.size === 1 ? "" : "s"}
                </Button>
              </div>
            </>
          )}
        </section>
      )}

      {result && (
        <section aria-labelledby="import-result-heading" role="status" className="flex flex-col gap-2 text-sm">
          <h2 id="import-result-heading" className="font-semibold text-zinc-100">
            Imported {result.created.length} host{result.created.length === 1 ? "" : "s"}
            {result.failed.length > 0 ? `, ${result.failed.length} not` : ""}
          </h2>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {result.created.map((h) => (
              <li key={h.id}>
                <Link href={`/hosts/${h.id}`} className="text-sky-300 hover:underline">
                  {h.name}
                </Link>
              </li>
            ))}
          </ul>
          {result.failed.map((f) => (
            <p key={f.name} className="text-red-300">
              {f.name}: {f.message}
            </p>
          ))}
          <p className="text-zinc-400">Collect them from the hosts list; each host key is pinned on its first connection, as for a host added by hand.</p>
        </section>
      )}
    </form>
  );
}
