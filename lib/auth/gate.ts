// A concurrency cap with a short queue. Each scrypt verification holds 32 MiB and a core for
// about 100 ms (N=2^15, r=8 on this 2-core machine), and anyone can ask for one by posting a
// login, so without a cap a flood of logins exhausts memory and CPU. Beyond the queue the
// caller is told to come back (BusyError), rather than waiting behind the flood.
export class BusyError extends Error {
  constructor(readonly retryAfterMs: number) {
    super("busy");
    this.name = "BusyError";
  }
}

export type GateOptions = { concurrency: number; queue: number; retryAfterMs: number };

export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly opts: GateOptions) {}

  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.opts.concurrency) {
      if (this.waiting.length >= this.opts.queue) throw new BusyError(this.opts.retryAfterMs);
      // The slot is handed over by release(): `running` is not decremented in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Two scrypt runs at once (64 MiB), eight more waiting: about half a second at worst. */
export const SCRYPT_GATE: GateOptions = { concurrency: 2, queue: 8, retryAfterMs: 2000 };
