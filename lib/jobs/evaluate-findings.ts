import "server-only";
import { singleton } from "@/lib/singleton";
import { evaluateInTurns } from "@/lib/analysis/evaluate";
import { loadAnalysisInput } from "@/lib/queries/analysis-input";
import { syncFindingsAndNotify } from "@/lib/jobs/notify";

export const COLLECTION_SCOPE = "collection";

type Deferred = { promise: Promise<void>; resolve: (p: Promise<void>) => void };
type State = { running: Promise<void> | null; queued: Promise<void> | null; sweeps: number; afterSweep: Deferred | null; sweepWantsEvaluation: boolean };
const state = singleton<State>("findings-evaluation", () => ({ running: null, queued: null, sweeps: 0, afterSweep: null, sweepWantsEvaluation: false }));

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
 * while that one waits share it. During a sweep, requests get the one at its end. Never rejects.
 */
export function reevaluateCollectionFindings(): Promise<void> {
  if (state.sweeps > 0) return (state.afterSweep ??= deferred()).promise;
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
 * loaded right after "Collect now" shows what that collection found. Not the evaluation a
 * running sweep owes (duringSweep): a page must not wait for a whole sweep.
 */
export function findingsSettled(): Promise<void> {
  return state.queued ?? state.running ?? Promise.resolve();
}

function deferred(): Deferred {
  let resolve!: (p: Promise<void>) => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Runs a sweep of many hosts with the findings evaluated once, when it ends. Evaluating while
 * it runs (a host's "Collect now", a DF probe batch) would see some hosts' new snapshots beside
 * others' old ones: a fault being switched off would look half-gone, change its evidence (which
 * unmutes a muted finding) and send notices for a state no host was ever in. `evaluate` may
 * say no (a sweep shared with another process that is still collecting: that one evaluates).
 */
export async function duringSweep<T>(sweep: () => Promise<T>, evaluate: (result: T) => Promise<boolean> = async () => true): Promise<T> {
  state.sweeps++;
  let wanted = true;
  try {
    const result = await sweep();
    wanted = await evaluate(result);
    return result;
  } finally {
    state.sweeps--;
    state.sweepWantsEvaluation ||= wanted;
    if (state.sweeps === 0) {
      const waiting = state.afterSweep;
      state.afterSweep = null;
      const run = state.sweepWantsEvaluation || waiting !== null;
      state.sweepWantsEvaluation = false;
      if (run) {
        const done = reevaluateCollectionFindings();
        waiting?.resolve(done);
      }
    }
  }
}
