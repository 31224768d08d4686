import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { needsSetup } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Set up netdiag" };

/** Shown once: before any account exists. Afterwards it sends people to the login page. */
export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/login");
  return (
    <AuthCard title="Welcome to netdiag" description="Create the admin account. Every page and API needs it from now on.">
      <CredentialsForm mode="setup" />
    </AuthCard>
  );
}
