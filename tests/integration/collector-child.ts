import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

// `npm run collector` processes for the tests of several netdiag processes on one database.
const ROOT = path.resolve(__dirname, "../..");

/** `npm run collector` as a child process on the suite's database and key folder. */
export class Collector {
  readonly proc: ChildProcess;
  output = "";
  constructor(env: Record<string, string>) {
    this.proc = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/collector.ts"], {
      cwd: ROOT,
      env: { ...process.env, NETDIAG_ROLE: "collector", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.proc.stdout!.on("data", (d: Buffer) => (this.output += d.toString()));
    this.proc.stderr!.on("data", (d: Buffer) => (this.output += d.toString()));
    running.add(this);
    this.proc.once("exit", () => running.delete(this));
  }

  /** Resolves once a line matching `re` has appeared (rejects when the process exits first). */
  until(re: RegExp): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (re.test(this.output)) {
          this.proc.stdout?.off("data", check);
          this.proc.off("exit", exited);
          resolve(this.output);
        }
      };
      const exited = (code: number | null) => reject(new Error(`the collector exited (${code}) before printing ${re}:\n${this.output}`));
      this.proc.stdout?.on("data", check);
      this.proc.once("exit", exited);
      check();
    });
  }

  /** The signal sent; resolves with the exit code (null when killed). */
  stop(signal: NodeJS.Signals): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.proc.once("exit", resolve));
    this.proc.kill(signal);
    return exited;
  }
}
const running = new Set<Collector>();

/** Every collector child still running is killed (a failed test leaves none behind). */
export function stopCollectors(): void {
  for (const c of running) c.proc.kill("SIGKILL");
}
/** Resolves once `cond` holds, looking every 50 ms: another process's progress, read from the database. */
export async function until(cond: () => Promise<boolean>, what: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

