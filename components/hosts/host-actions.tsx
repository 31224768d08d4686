import { ButtonLink } from "@/components/ui/button-link";
import { CollectNowButton } from "./collect-now-button";
import { DeleteHostButton } from "./delete-host-button";

/**
 * "Collect now" always lives here, also before the first snapshot: a button that moved from
 * the empty state into the header when the page refreshed would be a new button, and the
 * outcome it was showing ("Collected (ok) in 0.4 s") would vanish with the old one.
 */
export function HostActions({ hostId, hostName }: { hostId: number; hostName: string }) {
  return (
    <>
      <CollectNowButton hostId={hostId} />
      <ButtonLink href={`/hosts/${hostId}/edit`}>Edit</ButtonLink>
      <DeleteHostButton hostId={hostId} hostName={hostName} />
    </>
  );
}
