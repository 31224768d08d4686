import type { Metadata } from "next";
import { FormPage } from "@/components/hosts/form-page";
import { HostForm } from "@/components/hosts/host-form";
import { netdiagPublicKey } from "@/lib/jobs/netdiag-key";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Add host" };

export default async function NewHostPage() {
  return (
    <FormPage
      title="Add host"
      description="netdiag logs in over SSH and runs read-only commands. Secrets are stored encrypted and never shown again."
      crumbs={[{ href: "/", label: "Hosts" }]}
    >
      <HostForm netdiagPublicKey={await netdiagPublicKey()} />
    </FormPage>
  );
}
