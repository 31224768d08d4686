import { controlProps, Field, Input, Select } from "@/components/ui/field";

export type HostOption = { id: number; name: string };
export type FormErrors = Record<string, string>;

/** The test parameters; names match the API's fields so its field errors land beside them. */
export function RunFormFields({ hosts, clientId, serverId, errors, idPrefix }: { hosts: HostOption[]; clientId?: number; serverId?: number; errors: FormErrors; idPrefix: string }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const hostSelect = (name: string, label: string, value?: number) => (
    <Field id={id(name)} label={label} error={errors[name]} required>
      <Select name={name} defaultValue={value ?? ""} {...controlProps(id(name), errors[name])}>
        <option value="" disabled>
          Pick a host
        </option>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </Select>
    </Field>
  );
  const num = (name: string, label: string, def: number | "", min: number, max: number, hint?: string) => (
    <Field id={id(name)} label={label} error={errors[name]} hint={hint}>
      <Input name={name} type="number" inputMode="decimal" min={min} max={max} step="any" defaultValue={def} {...controlProps(id(name), errors[name], hint)} />
    </Field>
  );
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
      {hostSelect("clientHostId", "Client host", clientId)}
      {hostSelect("serverHostId", "Server host", serverId)}
      <Field id={id("serverAddress")} label="Server address" error={errors.serverAddress} hint="Blank: on a subnet both share. Else one of the server's own addresses (iperf3 listens only there)">
        <Input name="serverAddress" placeholder="automatic" autoComplete="off" {...controlProps(id("serverAddress"), errors.serverAddress, "hint")} />
      </Field>
      <Field id={id("direction")} label="Direction" error={errors.direction}>
        <Select name="direction" defaultValue="both" {...controlProps(id("direction"), errors.direction)}>
          <option value="both">Both (TX then RX)</option>
          <option value="forward">Forward only (client sends to server)</option>
          <option value="reverse">Reverse only (server sends back to client)</option>
        </Select>
      </Field>
      {num("durationSec", "Duration (s)", 10, 1, 60)}
      {num("parallel", "Parallel streams", 1, 1, 16)}
      <Field id={id("protocol")} label="Protocol" error={errors.protocol}>
        <Select name="protocol" defaultValue="tcp" {...controlProps(id("protocol"), errors.protocol)}>
          <option value="tcp">TCP</option>
          <option value="udp">UDP</option>
        </Select>
      </Field>
      {num("bitrateMbps", "Target bitrate (Mbit/s)", "", 0.001, 400000, "Required for UDP; caps TCP")}
      {num("omitSec", "Omit first (s)", 1, 0, 10)}
      <label className="col-span-2 flex items-center gap-2 self-end pb-1.5 text-xs text-zinc-300 md:col-span-3">
        <input type="checkbox" name="simultaneous" className="size-4 accent-sky-500" />
        Both directions at the same time (instead of one after the other; needs iperf3 3.7 or newer on both hosts)
      </label>
    </div>
  );
}
