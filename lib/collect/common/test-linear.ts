// Test-only: is a parser linear in the length of its input? Measured as a ratio inside one test
// (the machine's speed cancels out): 8 times the input should take about 8 times as long, where
// a quadratic regex takes about 64 times as long (and a cubic one 512). A factor of 4 (16 for
// quadratic) left too little room: garbage collection alone made linear parsers read 9-15 on a
// loaded 2-core machine. Each time is the best of five runs, and the shorter one counts as at
// least 1 ms.

const RUNS = 5;
const FLOOR_MS = 1;

function bestMs(parse: (text: string) => unknown, text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    parse(text);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Below this a parser counts as linear: 8 expected, 64 for a quadratic one. */
export const LINEAR = 24;

/**
 * How much longer `parse` takes on `hostile(8 * n)` than on `hostile(n)`: about 8 when linear.
 * The lowest of up to three measurements: a busy machine (CI beside a build) only ever makes one
 * look worse (24.9 was seen once in ~100 suite runs), while a quadratic parser reads about 64
 * every time, so a retry hides no real finding.
 */
export function growth(parse: (text: string) => unknown, hostile: (n: number) => string, n = 50_000): number {
  const small = hostile(n);
  const large = hostile(8 * n);
  parse(small); // JIT warm-up
  let lowest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && lowest >= LINEAR; attempt++) {
    lowest = Math.min(lowest, bestMs(parse, large) / Math.max(bestMs(parse, small), FLOOR_MS));
  }
  return lowest;
}
