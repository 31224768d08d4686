import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { FindingCard } from "@/components/findings/finding-card";
import { hrefFor, TABS } from "@/lib/validations/finding-params";
import { loadFinding } from "./_components/load-finding";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await loadFinding((await params).id)).title };
}

/** One finding on its own: where a flag on a chart (or any link to a finding) leads, whatever its status. */
export default async function FindingPage({ params }: Props) {
  const finding = await loadFinding((await params).id);
  const tab = TABS.find((t) => t.status === finding.status) ?? TABS[0];
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-400">
        <Link href={hrefFor({ tab: tab.id })} className="text-sky-300 underline decoration-sky-300/40 hover:decoration-sky-300">
          {tab.label} findings
        </Link>
      </nav>
      <h1 className="text-xl font-semibold tracking-tight">Finding</h1>
      <Card>
        <FindingCard finding={finding} />
      </Card>
    </div>
  );
}
