import { ButtonLink } from "@/components/ui/button-link";

export default function HostNotFound() {
  return (
    <div className="mx-auto mt-16 flex max-w-md flex-col items-center gap-3 text-center">
      <p className="font-mono text-sm text-zinc-400">404</p>
      <h1 className="text-xl font-semibold">Host not found</h1>
      <p className="text-sm text-zinc-400">No host has this id. It may have been deleted.</p>
      <ButtonLink href="/" className="mt-2">
        Back to hosts
      </ButtonLink>
    </div>
  );
}
