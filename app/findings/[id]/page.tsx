import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Card } from "@/components/ui/card";
import { FindingCard } from "@/components/findings/finding-card";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { getFinding } from "@/lib/queries/findings";
import { parseId } from "@/lib/validations/host";
import { hrefFor, TABS } from "@/lib/validations/finding-params";
import type { FindingView } from "@/lib/domain/views";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

// One finding by its id: what a chart flag, a notification or a bookmark links to. The id
// stays the same while the finding resolves and comes back (lib/queries/findings.ts).
const loadFinding = cache(async (rawId: string): Promise<FindingView> => {
  try {
    return await getFinding(parseId(rawId));
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await loadFinding((await params).id)).title };
}

export default async function FindingPage({ params }: Props) {
  const f = await loadFinding((await params).id);
  const tab = TABS.find((t) => t.status === f.status) ?? TABS[0];
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-400">
        <Link href={hrefFor({ tab: tab.id })} className="text-sky-300 hover:underline">
          {tab.label} findings
        </Link>{" "}
        / finding {f.id}
      </nav>
      <h1 className="sr-only">Finding: {f.title}</h1>
      <Card>
        <FindingCard finding={f} />
      </Card>
    </div>
  );
}
