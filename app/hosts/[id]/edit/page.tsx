import type { Metadata } from "next";
import { FormPage } from "@/components/hosts/form-page";
import { HostForm } from "@/components/hosts/host-form";
import { netdiagPublicKey } from "@/lib/jobs/netdiag-key";
import { loadHost } from "../_components/load-host";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Edit ${(await loadHost((await params).id)).name}` };
}

export default async function EditHostPage({ params }: Props) {
  const host = await loadHost((await params).id);
  return (
    <FormPage
      title={`Edit ${host.name}`}
      current="Edit"
      description="Changing the address or port forgets the pinned host key; it is pinned again on the next collection."
      crumbs={[
        { href: "/", label: "Hosts" },
        { href: `/hosts/${host.id}`, label: host.name },
      ]}
    >
      <HostForm host={host} netdiagPublicKey={await netdiagPublicKey()} />
    </FormPage>
  );
}
