import { Field, Input, Textarea, controlProps } from "@/components/ui/field";
import { FIELD_IDS, type AuthMethod, type FieldErrors } from "./host-form-values";

type Props = {
  auth: AuthMethod;
  onAuthChange: (auth: AuthMethod) => void;
  /** Set on edit: which secret is stored, so an empty field can mean "keep it". */
  stored: AuthMethod | null;
  errors: FieldErrors;
  /** netdiag's own public key, to install on the host for "netdiag's key". */
  netdiagPublicKey: string;
};

const PEM_PLACEHOLDER = "-----BEGIN OPENSSH PRIVATE KEY-----\n…\n-----END OPENSSH PRIVATE KEY-----";

const METHODS: { value: AuthMethod; label: string }[] = [
  { value: "key", label: "Key-based login" },
  { value: "password", label: "Password login" },
  { value: "netdiag", label: "netdiag's own key" },
];

export function CredentialFields({ auth, onAuthChange, stored, errors, netdiagPublicKey }: Props) {
  const keep = stored === auth;
  const keyHint = keep ? "Leave empty to keep the stored key." : "PEM or OpenSSH format (ed25519, ECDSA or RSA).";
  const passphraseHint = keep ? "Only needed with a new key; leave empty to keep the stored passphrase." : "Only if the key is encrypted.";
  const passwordHint = keep ? "Leave empty to keep the stored password." : undefined;
  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-zinc-300">Authentication</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {METHODS.map((m) => (
            <label key={m.value} className="inline-flex items-center gap-2 text-sm text-zinc-200">
              <input
                type="radio"
                name="auth"
                value={m.value}
                checked={auth === m.value}
                onChange={() => onAuthChange(m.value)}
                className="size-4 accent-sky-500"
              />
              {m.label}
            </label>
          ))}
        </div>
      </fieldset>
      {auth === "netdiag" ? (
        <NetdiagKeyInstall publicKey={netdiagPublicKey} />
      ) : auth === "key" ? (
        <>
          <Field id={FIELD_IDS.privateKey} label="Private key" error={errors.privateKey} hint={keyHint} required={!keep}>
            <Textarea
              {...controlProps(FIELD_IDS.privateKey, errors.privateKey, keyHint)}
              name="privateKey"
              rows={6}
              spellCheck={false}
              autoComplete="off"
              placeholder={keep ? "Stored key kept (hidden). Paste a new key to replace it." : PEM_PLACEHOLDER}
            />
          </Field>
          <Field id={FIELD_IDS.passphrase} label="Passphrase" error={errors.passphrase} hint={passphraseHint}>
            <Input {...controlProps(FIELD_IDS.passphrase, errors.passphrase, passphraseHint)} name="passphrase" type="password" autoComplete="new-password" />
          </Field>
        </>
      ) : (
        <Field id={FIELD_IDS.password} label="Password" error={errors.password} hint={passwordHint} required={!keep}>
          <Input {...controlProps(FIELD_IDS.password, errors.password, passwordHint)} name="password" type="password" autoComplete="new-password" />
        </Field>
      )}
    </div>
  );
}

/**
 * The one command that installs netdiag's public key for the SSH user, shown where it is
 * chosen. Single-quoted: an OpenSSH public key line holds no single quote.
 */
export function installCommand(publicKey: string): string {
  return `mkdir -p ~/.ssh && chmod 700 ~/.ssh && echo '${publicKey}' >> ~/.ssh/authorized_keys && chmod 600 ~/.ssh/authorized_keys`;
}

export function NetdiagKeyInstall({ publicKey }: { publicKey: string }) {
  return (
    <div className="flex flex-col gap-2 text-sm text-zinc-300" aria-label="netdiag's public key">
      <p>
        netdiag logs in with its own key pair, made on its first start; the private half never leaves the server. Install the
        public half once on the host, as the SSH user above:
      </p>
      <code className="block rounded-md border border-zinc-800 bg-zinc-950 p-2 font-mono text-xs break-all text-zinc-100">{installCommand(publicKey)}</code>
      <p className="text-xs text-zinc-400">Then press Test connection to check that it works before saving.</p>
    </div>
  );
}
