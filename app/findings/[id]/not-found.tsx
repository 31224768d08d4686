import { ButtonLink } from "@/components/ui/button-link";

export default function FindingNotFound() {
  return (
    <div className="mx-auto mt-16 flex max-w-md flex-col items-center gap-3 text-center">
      <p className="font-mono text-sm text-zinc-400">404</p>
      <h1 className="text-xl font-semibold">Finding not found</h1>
      <p className="text-sm text-zinc-400">No finding has this id. It may have been deleted with its host, or resolved longer ago than netdiag keeps resolved findings (a year by default).</p>
      <ButtonLink href="/findings" className="mt-2">
        Back to findings
      </ButtonLink>
    </div>
  );
}
