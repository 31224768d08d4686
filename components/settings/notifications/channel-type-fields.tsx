import { Field, Input, Select, Textarea, controlProps } from "@/components/ui/field";
import type { ChannelType } from "@/lib/notify/channels";
import type { ChannelView } from "@/lib/notify/views";
import { TYPE_FIELDS, fieldId, type FieldErrors, type FieldSpec } from "./channel-form-values";

type Props = { formId: string; type: ChannelType; channel?: ChannelView; errors: FieldErrors };

const SECURITY = [
  { value: "starttls", label: "STARTTLS (usually 587)" },
  { value: "tls", label: "TLS (usually 465)" },
  { value: "none", label: "None (a local relay)" },
];

function initial(f: FieldSpec, channel?: ChannelView): string | undefined {
  const v = channel?.config[f.key];
  if (Array.isArray(v)) return v.join(f.kind === "lines" ? "\n" : ", ");
  if (typeof v === "string" || typeof v === "number") return String(v);
  if (f.key === "port") return "587";
  return undefined;
}

/** The selected type's own fields. Secrets are never prefilled: the API never returns them. */
export function ChannelTypeFields({ formId, type, channel, errors }: Props) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {TYPE_FIELDS[type].map((f) => {
        const id = fieldId(formId, f.key);
        const error = errors[f.key];
        const storedSecret = channel?.secretsSet.includes(f.key) ?? false;
        const where = channel?.secretHints[f.key];
        const hint = storedSecret ? [where ? `Stored, pointing at ${where}.` : "Stored.", f.hint].filter(Boolean).join(" ") : f.hint;
        const props = { ...controlProps(id, error, hint), name: f.key, autoComplete: "off", spellCheck: false };
        const wide = f.kind === "url" || f.kind === "secret-url" || f.kind === "lines";
        return (
          <div key={`${type}-${f.key}`} className={wide ? "sm:col-span-2" : ""}>
            <Field id={id} label={f.label} error={error} hint={hint} required={f.required}>
              {f.kind === "security" ? (
                <Select {...props} defaultValue={initial(f, channel) ?? "starttls"}>
                  {SECURITY.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              ) : f.kind === "lines" ? (
                <Textarea {...props} rows={2} defaultValue={initial(f, channel)} placeholder="admin@example.com" />
              ) : (
                <Input
                  {...props}
                  type={f.kind === "secret" ? "password" : "text"}
                  // Keeps password managers from offering the admin's login for a channel token.
                  autoComplete={f.kind === "secret" ? "new-password" : "off"}
                  inputMode={f.kind === "port" ? "numeric" : f.kind === "url" || f.kind === "secret-url" ? "url" : undefined}
                  defaultValue={f.kind === "secret" || f.kind === "secret-url" ? undefined : initial(f, channel)}
                  placeholder={storedSecret ? "set — leave empty to keep" : f.placeholder}
                  className={f.kind === "text" || f.kind === "list" ? "" : "font-mono"}
                />
              )}
            </Field>
            {storedSecret && !f.required && (
              <label className="mt-1 flex items-center gap-2 text-xs text-zinc-300">
                <input type="checkbox" name={`clear-${f.key}`} className="size-4 accent-sky-500" />
                Remove the stored {f.label.toLowerCase()}
              </label>
            )}
          </div>
        );
      })}
    </div>
  );
}
