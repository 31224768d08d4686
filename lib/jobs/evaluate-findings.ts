import "server-only";
import { singleton } from "@/lib/singleton";
import { evaluateInTurns } from "@/lib/analysis/evaluate";
import { loadAnalysisInput } from "@/lib/queries/analysis-input";
import { syncFindingsAndNotify } from "@/lib/jobs/notify";

export const COLLECTION_SCOPE = "collection";

type State = { running: Promise<void> | null; queued: Promise<void> | null };
const state = singleton<State>("findings-evaluation", () => ({ running: null, queued: null }));

async function evaluateOnce(): Promise<void> {
  const now = new Date();
  try {
    const input = await loadAnalysisInput(now);
    await syncFindingsAndNotify(COLLECTION_SCOPE, await evaluateInTurns(input), now);
  } catch (err) {
    // Findings are derived data: the collection that triggered this stays a success.
    console.error("netdiag: evaluating findings failed:", err instanceof Error ? err.message : err);
  }
}

function start(): Promise<void> {
  const p: Promise<void> = evaluateOnce().finally(() => {
    if (state.running === p) state.running = null;
  });
  state.running = p;
  return p;
}

/**
 * Re-evaluates scope "collection" over every host's latest snapshots. One evaluation at a
 * time: a request while one runs gets the next one (which sees its data), and requests
 * while that one waits share it. Never rejects.
 */
export function reevaluateCollectionFindings(): Promise<void> {
  if (state.queued) return state.queued;
  if (!state.running) return start();
  const q = state.running.then(() => {
    state.queued = null;
    return start();
  });
  state.queued = q;
  return q;
}

/**
 * Resolves once every evaluation requested so far has finished. Collections do not wait for
 * their findings (the HTTP answer is the run's outcome); readers of findings do, so a page
 * loaded right after "Collect now" shows what that collection found.
 */
export function findingsSettled(): Promise<void> {
  return state.queued ?? state.running ?? Promise.resolve();
}
