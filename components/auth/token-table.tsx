import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { TokenView } from "@/lib/queries/auth";
import { RevokeTokenButton } from "./revoke-token-button";

export function TokenTable({ tokens }: { tokens: TokenView[] }) {
  if (tokens.length === 0) return <p className="text-sm text-zinc-400">No API tokens yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table aria-label="API tokens" className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-zinc-400">
          <tr>
            <th className="py-2 pr-4 font-medium">Name</th>
            <th className="py-2 pr-4 font-medium">Token</th>
            <th className="py-2 pr-4 font-medium">Created</th>
            <th className="py-2 pr-4 font-medium">Last used</th>
            <th className="py-2 pr-4 font-medium">Expires</th>
            <th className="py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-800">
          {tokens.map((t) => (
            <tr key={t.id}>
              <td className="py-2 pr-4 text-zinc-100">{t.name}</td>
              <td className="py-2 pr-4 font-mono text-xs text-zinc-400">{t.hint}</td>
              <td className="py-2 pr-4 text-zinc-400"><RelativeTime iso={t.createdAt} /></td>
              <td className="py-2 pr-4 text-zinc-400">{t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : "never"}</td>
              <td className="py-2 pr-4 text-zinc-400">{expiry(t)}</td>
              <td className="py-2 text-right"><RevokeTokenButton id={t.id} name={t.name} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Expired tokens stay listed (refused by the API) until revoked, so a failing script is explained. */
function expiry(t: TokenView) {
  if (t.expired) return <Badge tone="bad">expired</Badge>;
  return t.expiresAt ? <RelativeTime iso={t.expiresAt} /> : "never";
}
