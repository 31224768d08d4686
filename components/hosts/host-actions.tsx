import { ButtonLink } from "@/components/ui/button-link";
import { CollectNowButton } from "./collect-now-button";
import { DeleteHostButton } from "./delete-host-button";

/**
 * Without a snapshot the empty state carries the one "Collect now" button, so the page
 * never shows two buttons with the same name.
 */
export function HostActions({ hostId, hostName, hasSnapshot }: { hostId: number; hostName: string; hasSnapshot: boolean }) {
  return (
    <>
      {hasSnapshot && <CollectNowButton hostId={hostId} />}
      <ButtonLink href={`/hosts/${hostId}/edit`}>Edit</ButtonLink>
      <DeleteHostButton hostId={hostId} hostName={hostName} />
    </>
  );
}
