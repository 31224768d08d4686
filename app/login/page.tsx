import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { needsSetup } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Log in" };

// `?next=a&next=b` arrives as an array.
type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  if (await needsSetup()) redirect("/setup");
  const { next } = await searchParams;
  return (
    <AuthCard title="Log in to netdiag" description="netdiag holds SSH credentials for your hosts; only its users may use it.">
      <CredentialsForm mode="login" next={typeof next === "string" ? next : undefined} />
    </AuthCard>
  );
}
