import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { needsSetup, setupCodeReady, setupHostAllowed } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Set up netdiag" };

/**
 * Shown once: before any account exists, and only under an IP address, localhost or an allowed
 * name (DNS rebinding). Creating the account takes the setup code from the server log.
 */
export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/login");
  if (!setupHostAllowed(await headers())) {
    return (
      <AuthCard title="Set up netdiag from its address" description="First-run setup is not offered under this name.">
        <p role="alert" className="text-sm text-zinc-300">
          Open netdiag by its IP address (or on the server as localhost) to create the admin account, or add this name to
          NETDIAG_ALLOWED_HOSTS and restart it.
        </p>
      </AuthCard>
    );
  }
  await setupCodeReady();
  return (
    <AuthCard
      title="Welcome to netdiag"
      description="Create the admin account. Every page and API needs it from now on. The setup code is in the server log (and in setup-code in the data directory)."
    >
      <CredentialsForm mode="setup" />
    </AuthCard>
  );
}
