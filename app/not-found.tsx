import { ButtonLink } from "@/components/ui/button-link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-16 flex max-w-md flex-col items-center gap-3 text-center">
      <p className="font-mono text-sm text-zinc-400">404</p>
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="text-sm text-zinc-400">There is nothing at this address.</p>
      <ButtonLink href="/" className="mt-2">
        Back to hosts
      </ButtonLink>
    </div>
  );
}
