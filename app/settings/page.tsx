import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SectionCard } from "@/components/ui/card";
import { LogoutEverywhereForm } from "@/components/auth/logout-everywhere-form";
import { PasswordChangeForm } from "@/components/auth/password-change-form";
import { TokenCreateForm } from "@/components/auth/token-create-form";
import { TokenTable } from "@/components/auth/token-table";
import { authenticate } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/queries/auth";
import { getAppSettings } from "@/lib/queries/settings";
import { netdiagPublicKey } from "@/lib/jobs/netdiag-key";
import { NetdiagKeyInstall } from "@/components/hosts/credential-fields";
import { AppSettingsForm } from "@/components/settings/app-settings-form";
import { NotificationChannels } from "@/components/settings/notification-channels";
import { env } from "@/lib/env";
import { listHosts } from "@/lib/queries/hosts";
import { listChannels } from "@/lib/queries/notifications";
import { listSiteRoutes, listSites } from "@/lib/queries/sites";
import { SiteRoutes } from "@/components/settings/site-routes";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const principal = await authenticate(await headers());
  if (!principal) redirect("/login?next=/settings");
  const [tokens, settings, publicKey, channels, hosts, sites, routes] = await Promise.all([
    listApiTokens(principal.user.id, new Date()),
    getAppSettings(),
    netdiagPublicKey(),
    listChannels(),
    listHosts(),
    listSites(),
    listSiteRoutes(),
  ]);
  const { publicUrl } = env();
  const active = tokens.filter((t) => !t.expired).length;
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-xl font-semibold text-zinc-50">Settings</h1>
        <p className="text-sm text-zinc-400">Signed in as {principal.user.username}.</p>
      </div>
      <SectionCard id="collection" title="Collection and thresholds">
        <AppSettingsForm initial={settings} />
      </SectionCard>
      <SectionCard id="notifications" title="Notifications" meta={`${channels.length} ${channels.length === 1 ? "channel" : "channels"}`}>
        <div className="flex flex-col gap-4 p-4">
          <p className="text-sm text-zinc-400">
            {publicUrl ? (
              <>
                Messages link to each finding at <code className="break-all text-zinc-300">{publicUrl}</code> (NETDIAG_PUBLIC_URL).
              </>
            ) : (
              <>Messages carry no links: set NETDIAG_PUBLIC_URL to the address you open netdiag at.</>
            )}
          </p>
          <NotificationChannels initial={channels} hosts={hosts.map((h) => ({ id: h.id, name: h.name }))} />
        </div>
      </SectionCard>
      <SectionCard id="sites" title="Sites" meta={`${sites.length} ${sites.length === 1 ? "site" : "sites"}`}>
        <SiteRoutes sites={sites} initial={routes} />
      </SectionCard>
      <SectionCard id="ssh-key" title="netdiag's SSH key">
        <div className="p-4">
          <NetdiagKeyInstall publicKey={publicKey} />
        </div>
      </SectionCard>
      <SectionCard id="account" title="Account">
        <div className="flex flex-col gap-6 p-4 md:flex-row md:gap-10">
          <PasswordChangeForm />
          <div className="flex flex-col gap-2">
            <p className="max-w-sm text-sm text-zinc-400">Lost a device, or used a shared one? End every browser session, this one included.</p>
            <LogoutEverywhereForm />
          </div>
        </div>
      </SectionCard>
      <SectionCard id="tokens" title="API tokens" meta={`${active} active`}>
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
