import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RunView } from "@/components/iperf/run-view";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { positionOf } from "@/lib/jobs/iperf/queue";
import { getIperfRunDetail } from "@/lib/queries/iperf-runs";
import { parseId } from "@/lib/validations/host";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

async function load(raw: string) {
  try {
    const run = await getIperfRunDetail(parseId(raw, "Run"));
    return run.status === "queued" ? { ...run, position: positionOf(run.id) } : run;
  } catch (err) {
    if (err instanceof NotFoundError || err instanceof ValidationError) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `iperf run ${(await params).id}` };
}

export default async function IperfRunPage({ params }: Props) {
  const run = await load((await params).id);
  const pair = `client=${run.clientHostId}&server=${run.serverHostId}`;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="min-w-0 text-xl font-semibold tracking-tight [overflow-wrap:anywhere]">
          iperf run #{run.id}: {run.clientHostName} ↔ {run.serverHostName}
        </h1>
        <div className="flex gap-4 text-sm">
          <Link href={`/iperf/history?${pair}`} className="text-sky-300 hover:underline">
            History of this pair
          </Link>
          <Link href={`/iperf?${pair}`} className="text-sky-300 hover:underline">
            Run again
          </Link>
        </div>
      </div>
      <RunView initial={run} />
    </div>
  );
}
