// Shapes of stored DF ping probes, shared by lib/queries/probes.ts, the detector, the API and pages.

/** One stored don't-fragment ping: fromHost pinged toAddress with payloadBytes and DF set. */
export type MtuProbeView = {
  id: number;
  batchId: string;
  /** ISO time the ping ran */
  at: string;
  fromHostId: number;
  fromHostName: string;
  toHostId: number;
  toHostName: string;
  fromInterface: string | null;
  fromAddress: string;
  toAddress: string;
  /** "10.218.1.0/24" */
  subnet: string;
  payloadBytes: number;
  /** The sender's interface MTU when probed: payloadBytes + 28 for the full-size probe. */
  expectedMtu: number;
  /** The receiver's interface MTU when probed. */
  peerMtu: number | null;
  command: string;
  /** At least one echo came back. */
  ok: boolean;
  tooBig: boolean;
  transmitted: number | null;
  received: number | null;
  lossPercent: number | null;
  reportedMtu: number | null;
  rttAvgMs: number | null;
  /** Why the probe could not run (SSH failure, no ping, unreadable output); null when it ran. */
  error: string | null;
  errorCode: string | null;
  /** Raw stdout + stderr, truncated. */
  output: string;
};

/** What running probes answers (POST /api/hosts/:id/verify-mtu). */
export type ProbeBatchView = {
  batchId: string;
  startedAt: string;
  finishedAt: string;
  probes: MtuProbeView[];
};
