import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SectionCard } from "@/components/ui/card";
import { TokenCreateForm } from "@/components/auth/token-create-form";
import { TokenTable } from "@/components/auth/token-table";
import { authenticate } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/queries/auth";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const principal = await authenticate(await headers());
  if (!principal) redirect("/login?next=/settings");
  const tokens = await listApiTokens(principal.user.id);
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-xl font-semibold text-zinc-50">Settings</h1>
        <p className="text-sm text-zinc-400">Signed in as {principal.user.username}.</p>
      </div>
      <SectionCard id="tokens" title="API tokens" meta={`${tokens.length} active`}>
        <div className="flex flex-col gap-4 p-4">
          <p className="text-sm text-zinc-400">
            Tokens let scripts use the JSON API without a browser session. Each is shown once and stored hashed.
          </p>
          <TokenCreateForm />
          <TokenTable tokens={tokens} />
        </div>
      </SectionCard>
    </div>
  );
}
