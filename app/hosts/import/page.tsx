import type { Metadata } from "next";
import { FormPage } from "@/components/hosts/form-page";
import { ImportForm } from "@/components/hosts/import-form";
import { netdiagPublicKey } from "@/lib/jobs/netdiag-key";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Import hosts" };

export default async function ImportHostsPage() {
  return (
    <FormPage
      title="Import hosts"
      description="From your SSH client config or an Ansible inventory: preview what would be created, then import. Secrets are stored encrypted and never shown again."
      crumbs={[{ href: "/", label: "Hosts" }]}
    >
      <ImportForm netdiagPublicKey={await netdiagPublicKey()} />
    </FormPage>
  );
}
