import "server-only";
import { randomBytes } from "node:crypto";
import type { ClientChannel } from "ssh2";
import type { Exec, ExecResult } from "@/lib/domain/snapshot";
import { connectionLost, outputTooLarge, MAX_OUTPUT_BYTES } from "./channel";
import type { ChannelPool } from "./channel-pool";
import type { ConnState } from "./connect";
import { CommandTimeoutError, SshChannelError, SshError, describeTarget, type SshErrorContext } from "./errors";
import { FrameParser, SHELL_COMMAND, buildScript, type FrameEvent, type ScriptDialect } from "./script";

/*
 * Many fixed commands in ONE exec channel: one login shell, one PAM session, one rc-file run
 * on the host instead of one per command. The exec request only starts a shell we know
 * (SHELL_COMMAND), the framed script (./script) goes to its stdin, then EOF.
 *
 * Timeouts, per command as for exec: a command's clock starts when the previous command of its
 * channel ended, the first one's when the channel opened (so the login shell's startup counts
 * against it, as it does for every exec). A command whose begin frame came but not its end
 * fails with CommandTimeoutError; the channel is stopped and the commands after it run on a
 * fresh channel, each with its own timeout, so one hung command does not lose the rest. When
 * not even the first command began (the login shell's rc files hang, the open hangs), every
 * command of that channel fails with CommandTimeoutError (phase "start"): another channel would
 * run the same rc files.
 */

export type BatchOptions = {
  /** Per command; default the session's commandTimeoutMs. */
  timeoutMs?: number;
  /** "posix" (/bin/sh: Linux, BSD, macOS, illumos, ESXi) unless the host is Windows. */
  dialect?: ScriptDialect;
  /**
   * posix only: run `width` commands at once (./script buildPosixParallel); outcomes and
   * timeouts as in order, each command's clock starting when the one before it ended.
   */
  parallel?: { width: number };
};

/** A command's outcome in a batch: its result, or the typed error exec would have thrown. */
export type BatchItem = { ok: true; result: ExecResult } | { ok: false; error: SshError };

type Deferred = { promise: Promise<ExecResult>; resolve: (r: ExecResult) => void; reject: (e: unknown) => void };

function deferred(): Deferred {
  let resolve!: (r: ExecResult) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<ExecResult>((res, rej) => ((resolve = res), (reject = rej)));
  // Marked as handled: a caller may never ask for some commands' results (see batchExec).
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** What the shell said outside any frame on stderr, kept for the error when it never started. */
const STARTUP_STDERR_BYTES = 2048;

type BatchContext = {
  pool: ChannelPool;
  state: ConnState;
  ctx: SshErrorContext;
  timeoutMs: number;
  dialect: ScriptDialect;
  parallel: { width: number } | null;
};

/**
 * Starts running `commands` in order, on as few channels as it takes (one, unless a command
 * hangs or the shell dies). One promise per command, settled as soon as its end frame arrives,
 * rejected with the typed error exec would throw.
 */
export function startBatch(b: BatchContext, commands: readonly string[]): Promise<ExecResult>[] {
  const results = commands.map(() => deferred());
  void (async () => {
    let next = 0;
    try {
      while (next < commands.length) next = await runOnOneChannel(b, commands, next, results);
    } catch (err) {
      // A bug here must not leave promises pending forever.
      for (const r of results.slice(next)) r.reject(err);
    }
  })();
  return results.map((r) => r.promise);
}

type CommandState = {
  out: Buffer[];
  err: Buffer[];
  bytes: number;
  beganAt?: number;
  stdoutEnd?: { at: number; exitCode: number };
  stderrEnded: boolean;
  settled: boolean;
};

/** Runs commands[from..] on one channel; resolves with the index the next channel starts at. */
async function runOnOneChannel(b: BatchContext, commands: readonly string[], from: number, results: Deferred[]): Promise<number> {
  const slice = commands.slice(from);
  const request = SHELL_COMMAND[b.dialect];
  const ctxOf = (i: number) => ({ ...b.ctx, command: slice[i] ?? "" });
  const failFrom = (i: number, error: (command: SshErrorContext & { command: string }) => SshError) => {
    for (let k = i; k < slice.length; k++) results[from + k]?.reject(error(ctxOf(k)));
  };

  let channel: ClientChannel;
  try {
    channel = await b.pool.open(request, b.timeoutMs, request);
  } catch (err) {
    // Whatever the open says (timed out, refused, connection gone), no command of it ran.
    failFrom(0, (ctx) =>
      err instanceof CommandTimeoutError
        ? new CommandTimeoutError(b.timeoutMs, ctx, "start")
        : new SshChannelError("channel", err instanceof Error ? err.message : String(err), { ...ctx, cause: err }),
    );
    return commands.length;
  }

  // 128 random bits per channel: see ./script on why output cannot forge a frame.
  const marker = randomBytes(16).toString("hex");
  const script = buildScript(slice, marker, b.dialect, b.parallel ? { dirName: randomBytes(16).toString("hex"), width: b.parallel.width } : undefined);
  const where = describeTarget(b.ctx.address, b.ctx.port);

  return new Promise<number>((resolveNext) => {
    const cmds: CommandState[] = slice.map(() => ({ out: [], err: [], bytes: 0, stderrEnded: false, settled: false }));
    const stdout = new FrameParser(marker);
    const stderr = new FrameParser(marker);
    let startupStderr = Buffer.alloc(0);
    let exit: { code: number | null } | undefined;
    let current = 0; // the first command not settled
    let finished = false;
    let timer: NodeJS.Timeout | undefined;

    const finish = (next: number, stopChannel: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (stopChannel) b.pool.abandon(channel);
      resolveNext(from + next);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(onTimeout, b.timeoutMs);
    };

    const settle = (i: number, outcome: { result: ExecResult } | { error: SshError }) => {
      const c = cmds[i];
      if (!c || c.settled) return;
      c.settled = true;
      if ("result" in outcome) results[from + i]?.resolve(outcome.result);
      else results[from + i]?.reject(outcome.error);
      if (i !== current) return;
      while (cmds[current]?.settled) current++;
      if (current >= slice.length) finish(slice.length, false); // sh exits by itself
      else arm();
    };
    const resultOf = (c: CommandState, exitCode: number | null): ExecResult => ({
      stdout: Buffer.concat(c.out).toString("utf8"),
      stderr: Buffer.concat(c.err).toString("utf8"),
      exitCode,
      durationMs: c.beganAt === undefined ? 0 : Math.round((c.stdoutEnd?.at ?? performance.now()) - c.beganAt),
    });
    const completeIfEnded = (i: number) => {
      const c = cmds[i];
      if (c?.stdoutEnd && c.stderrEnded) settle(i, { result: resultOf(c, c.stdoutEnd.exitCode) });
    };
    /** A command failed on its own: stop this channel, run the rest on a new one. */
    const failOne = (i: number, error: SshError) => {
      settle(i, { error });
      finish(i + 1, true);
    };

    const take = (i: number, into: "out" | "err", bytes: Buffer) => {
      const c = cmds[i];
      if (!c || c.settled) return;
      c.bytes += bytes.length;
      if (c.bytes > MAX_OUTPUT_BYTES) failOne(i, outputTooLarge(ctxOf(i)));
      else c[into].push(bytes);
    };
    const onStdout = (events: FrameEvent[]) => {
      for (const e of events) {
        if (finished) return;
        const c = cmds[e.index];
        if (!c) continue;
        if (e.kind === "begin") c.beganAt = performance.now();
        else if (e.kind === "data") take(e.index, "out", e.bytes);
        else {
          c.stdoutEnd = { at: performance.now(), exitCode: e.exitCode };
          completeIfEnded(e.index);
        }
      }
    };
    const onStderr = (events: FrameEvent[]) => {
      for (const e of events) {
        if (finished) return;
        const c = cmds[e.index];
        if (!c) continue;
        if (e.kind === "data") take(e.index, "err", e.bytes);
        else if (e.kind === "end") {
          c.stderrEnded = true;
          completeIfEnded(e.index);
        }
      }
    };

    function onTimeout() {
      if (finished) return;
      const c = cmds[current];
      if (!c) return;
      if (c.beganAt === undefined && current === 0) {
        // Not even the first command began: the shell itself did not start.
        failFrom(0, (ctx) => new CommandTimeoutError(b.timeoutMs, ctx, "start"));
        finish(slice.length, true);
        return;
      }
      failOne(current, new CommandTimeoutError(b.timeoutMs, ctxOf(current), c.beganAt === undefined ? "start" : "run"));
    }

    channel.on("data", (chunk: Buffer) => {
      if (!finished) onStdout(stdout.push(chunk));
    });
    channel.stderr.on("data", (chunk: Buffer) => {
      if (finished) return;
      if (cmds[0]?.beganAt === undefined && startupStderr.length < STARTUP_STDERR_BYTES) {
        startupStderr = Buffer.concat([startupStderr, chunk]).subarray(0, STARTUP_STDERR_BYTES);
      }
      onStderr(stderr.push(chunk));
    });
    channel.on("exit", (code: number | null) => {
      exit = { code: typeof code === "number" ? code : null };
    });
    channel.on("close", () => {
      if (finished) return;
      onStdout(stdout.end());
      onStderr(stderr.end());
      if (finished || current >= slice.length) return finish(slice.length, false);
      const c = cmds[current];
      if (!exit && b.state.closed) {
        failFrom(current, (ctx) => connectionLost(ctx, b.state));
        return finish(slice.length, false);
      }
      if (c?.beganAt === undefined && current === 0) {
        const said = startupStderr.toString("utf8").trim().split("\n").slice(-3).join(" / ");
        failFrom(0, (ctx) =>
          new SshChannelError(
            "channel",
            `The shell on ${where} ended before running "${ctx.command}" ` +
              `(${request}: exit code ${exit?.code ?? "none"}${said ? `; it said: ${said}` : ""}).`,
            ctx,
          ),
        );
        return finish(slice.length, false);
      }
      if (c?.beganAt !== undefined) {
        // Cut off inside this command (it killed the shell, or the shell was killed): what it
        // printed, and the shell's exit status (null for a signal, as exec reports it).
        settle(current, { result: resultOf(c, exit?.code ?? null) });
        return finish(current, false);
      }
      // The shell ended between two commands: the rest go to a new channel.
      finish(current, false);
    });

    arm();
    channel.end(script);
  });
}

/** All of startBatch's outcomes, in order, once every command is settled. */
export async function runBatch(b: BatchContext, commands: readonly string[]): Promise<BatchItem[]> {
  return Promise.all(
    startBatch(b, commands).map((p) =>
      p.then(
        (result): BatchItem => ({ ok: true, result }),
        (error: unknown): BatchItem => ({ ok: false, error: asSshError(error, b.ctx) }),
      ),
    ),
  );
}

function asSshError(error: unknown, ctx: SshErrorContext): SshError {
  if (error instanceof SshError) return error;
  return new SshChannelError("channel", error instanceof Error ? error.message : String(error), { ...ctx, cause: error });
}

/**
 * An Exec for a collector: the listed commands start now as one batch (one channel, one login
 * shell), and exec(command) answers from it as each command finishes; any other command runs
 * as a batch of its own. Results and errors are exactly the batch's, so a collector written
 * for exec needs no change. A listed command asked for twice gets the same answer.
 */
export function batchExec(b: BatchContext, commands: readonly string[]): Exec {
  const promises = startBatch(b, commands);
  const planned = new Map<string, Promise<ExecResult>>();
  commands.forEach((command, i) => {
    const p = promises[i];
    if (p && !planned.has(command)) planned.set(command, p);
  });
  return (command) => planned.get(command) ?? runOne(b, command);
}

function runOne(b: BatchContext, command: string): Promise<ExecResult> {
  const [promise] = startBatch(b, [command]);
  return promise ?? Promise.reject(new Error("startBatch returned no promise for one command"));
}
