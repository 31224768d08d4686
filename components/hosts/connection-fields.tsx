import { Field, Input, Select, controlProps } from "@/components/ui/field";
import type { HostView } from "@/lib/domain/views";
import { FIELD_IDS, type FieldErrors } from "./host-form-values";
import { PLATFORM_OPTIONS } from "./labels";

type Props = { host?: HostView; errors: FieldErrors };

export function ConnectionFields({ host, errors }: Props) {
  const addressHint = "IPv4, IPv6 or DNS name";
  const siteHint = "Where the host is (home, parents, vps). iperf tests between two sites need a route declared in Settings.";
  return (
    <div className="grid gap-4 sm:grid-cols-6">
      <div className="sm:col-span-6">
        <Field id={FIELD_IDS.name} label="Name" error={errors.name} required>
          <Input {...controlProps(FIELD_IDS.name, errors.name)} name="name" defaultValue={host?.name} required autoComplete="off" placeholder="nas" />
        </Field>
      </div>
      <div className="sm:col-span-4">
        <Field id={FIELD_IDS.address} label="Address" error={errors.address} hint={addressHint} required>
          <Input
            {...controlProps(FIELD_IDS.address, errors.address, addressHint)}
            name="address"
            defaultValue={host?.address}
            required
            autoComplete="off"
            spellCheck={false}
            placeholder="192.168.1.10"
            className="font-mono"
          />
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field id={FIELD_IDS.port} label="Port" error={errors.port} required>
          <Input {...controlProps(FIELD_IDS.port, errors.port)} name="port" defaultValue={host?.port ?? 22} inputMode="numeric" required className="font-mono" />
        </Field>
      </div>
      <div className="sm:col-span-3">
        <Field id={FIELD_IDS.username} label="SSH user" error={errors.username} required>
          <Input
            {...controlProps(FIELD_IDS.username, errors.username)}
            name="username"
            defaultValue={host?.username ?? "root"}
            required
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
        </Field>
      </div>
      <div className="sm:col-span-3">
        <Field id={FIELD_IDS.platform} label="Platform" error={errors.platform}>
          <Select {...controlProps(FIELD_IDS.platform, errors.platform)} name="platform" defaultValue={host?.platform ?? "auto"}>
            {PLATFORM_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className="sm:col-span-3">
        <Field id={FIELD_IDS.site} label="Site" error={errors.site} hint={siteHint}>
          <Input
            {...controlProps(FIELD_IDS.site, errors.site, siteHint)}
            name="site"
            defaultValue={host?.site ?? "default"}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
        </Field>
      </div>
      <div className="sm:col-span-6">
        <label htmlFor={FIELD_IDS.legacySshAlgorithms} className="flex items-start gap-2 text-xs text-zinc-300">
          <input
            id={FIELD_IDS.legacySshAlgorithms}
            type="checkbox"
            name="legacySshAlgorithms"
            defaultChecked={host?.legacySshAlgorithms ?? false}
            aria-describedby={`${FIELD_IDS.legacySshAlgorithms}-hint`}
            className="mt-0.5 size-4 accent-sky-500"
          />
          <span>
            Allow legacy SSH algorithms
            <span id={`${FIELD_IDS.legacySshAlgorithms}-hint`} className="block text-zinc-400">
              SHA-1 ssh-rsa host keys, SHA-1 key exchange and CBC ciphers, for an old device (ESXi 6.x, an old switch or NAS) that offers
              nothing newer. Leave off otherwise.
            </span>
          </span>
        </label>
      </div>
    </div>
  );
}
