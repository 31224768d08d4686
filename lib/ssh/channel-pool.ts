import "server-only";
import type { Client, ClientChannel } from "ssh2";
import { stop } from "./channel";
import type { ConnState } from "./connect";
import { CommandTimeoutError, SshChannelError, describeTarget, formatSeconds, type SshErrorContext } from "./errors";

/** sshd's MaxSessions defaults to 10 channels per connection; stay below it. */
export const MAX_CHANNELS_PER_CONNECTION = 8;

/**
 * What one connection did, for the run to store: how many channels it opened, how many exec
 * requests (each one a login shell, rc files and, with UsePAM, a PAM session on the host) it
 * made, and the most channels it had open at once.
 */
export type SessionStats = {
  channels: number;
  execRequests: number;
  maxConcurrentChannels: number;
  /** Channel opens the server refused (MaxSessions reached); each waited and was sent again. */
  refusedOpens: number;
  /** Channels this connection may open at once: MAX_CHANNELS_PER_CONNECTION, or lower once sshd refused one. */
  channelLimit: number;
};

/** A round trip that gets no answer (a dead connection) stops holding its slot after this long. */
const ROUND_TRIP_MAX_MS = 5000;
/** A refusal while none of our channels is open: sent again after a round trip this many times. */
const LONE_REFUSAL_RETRIES = 2;

type OpenFailure = Error & { reason?: unknown };

/**
 * The channels of one connection: at most `limit` open at once, the rest wait in order.
 *
 * sshd's MaxSessions (default 10) caps the sessions of a connection, and some hosts set it to
 * 1. OpenSSH answers an open past the cap with SSH_MSG_CHANNEL_OPEN_FAILURE, reason 2
 * (connect failed), text "open failed" (serverloop.c; seen from OpenSSH 9.2 here), the same
 * answer as for any other refused session. So a refused session open while some of our
 * channels are open lowers the limit to the number that are open, for the rest of the
 * connection, and the request waits for one of them to close. sshd handles opens in order and
 * answers in order, so when a refusal arrives every earlier open it accepted has been counted.
 *
 * A slot is free again only once sshd has certainly let go of the session:
 * - sshd keeps a session (and counts it) until its process exits, so a channel netdiag gave
 *   up on holds its slot until sshd closes it, not merely until netdiag stopped waiting;
 * - sshd frees a closed session in the main-loop pass after the one that read our CLOSE. ssh2
 *   answers the server's CLOSE and we open the next channel at once, so both usually arrive
 *   in one read and the open is refused although the session is as good as gone (seen here
 *   on every reuse with `MaxSessions 1`, and under load with 8 channels and the default 10).
 *   So after a close the slot waits for one round trip: by the time sshd answers a request
 *   sent after our CLOSE, that pass is over.
 *
 * A request waiting for a slot waits as long as some slot is held by a channel still in use:
 * each of those ends by itself or by its own timeout. When every slot is held by a channel
 * netdiag gave up on (abandon()) and sshd keeps it (a hung command of a root login: see
 * stop()), nothing may ever end, so the waiter fails after its timeout instead of hanging the
 * whole run.
 */
export class ChannelPool {
  private limit = MAX_CHANNELS_PER_CONNECTION;
  /** Slots taken: channels open, opening, or closed but not yet certainly freed by sshd. */
  private taken = 0;
  /** Channels open right now (sshd accepted them and has not closed them). */
  private readonly openChannels = new Set<ClientChannel>();
  /** Of those, the ones netdiag stopped and sshd has not closed yet. */
  private readonly abandoned = new Set<ClientChannel>();
  private readonly waiting: (() => void)[] = [];
  private readonly counts = { channels: 0, execRequests: 0, maxConcurrentChannels: 0, refusedOpens: 0 };

  constructor(
    private readonly conn: Client,
    private readonly state: ConnState,
    private readonly ctx: SshErrorContext,
  ) {}

  stats(): SessionStats {
    return { ...this.counts, channelLimit: this.limit };
  }

  /** Stop a channel netdiag no longer waits for (./channel stop()); its slot frees when sshd closes it. */
  abandon(channel: ClientChannel): void {
    if (this.openChannels.has(channel)) this.abandoned.add(channel);
    stop(channel);
  }

  /**
   * Opens a session channel and sends `request` as its exec request. `timeoutMs` bounds each
   * attempt (open + exec reply), not the wait for a free slot: a connection that hangs must not
   * hang its caller, a busy one just queues. `command` names what failed in errors.
   */
  async open(request: string, timeoutMs: number, command: string): Promise<ClientChannel> {
    const ctx = { ...this.ctx, command };
    let loneRefusals = 0;
    let front = false;
    for (;;) {
      await this.acquire(front, timeoutMs, ctx);
      const attempt = await this.attempt(request, timeoutMs, ctx);
      if (attempt.ok) return attempt.channel;
      if (!attempt.refused) throw attempt.error;
      this.counts.refusedOpens++;
      front = true; // first in line for the next slot: it has waited longest
      if (this.openChannels.size > 0) {
        this.limit = Math.min(this.limit, this.openChannels.size);
        continue;
      }
      if (loneRefusals++ >= LONE_REFUSAL_RETRIES) {
        throw new SshChannelError(
          "channel",
          `${describeTarget(ctx.address, ctx.port)} refused to open a session channel for "${command}" ` +
            `(${attempt.error.message}). sshd may limit sessions (MaxSessions) or forbid them for this user.`,
          { ...ctx, cause: attempt.error },
        );
      }
      await this.roundTrip();
    }
  }

  /**
   * One open + exec request on a slot the caller acquired. The slot is released here on any
   * failure, or after the channel's close; when the attempt timed out first, by whatever answer
   * comes later (a late channel is closed at once).
   */
  private attempt(
    request: string,
    timeoutMs: number,
    ctx: SshErrorContext & { command: string },
  ): Promise<{ ok: true; channel: ClientChannel } | { ok: false; refused: boolean; error: Error }> {
    const where = describeTarget(ctx.address, ctx.port);
    return new Promise((resolve) => {
      let gaveUp = false;
      const timer = setTimeout(() => {
        gaveUp = true;
        resolve({ ok: false, refused: false, error: new CommandTimeoutError(timeoutMs, ctx) });
      }, timeoutMs);
      try {
        this.conn.exec(request, (err, channel) => {
          clearTimeout(timer);
          if (err) {
            const refused = (err as OpenFailure).reason !== undefined;
            // ssh2 (client.js reqExec): the channel opened, then sshd refused the exec request.
            if (err.message === "Unable to exec") this.counted();
            this.releaseAfterRoundTrip();
            if (!gaveUp) {
              const error = refused
                ? err
                : new SshChannelError("channel", `Could not run "${ctx.command}" on ${where}: ${err.message}.`, { ...ctx, cause: err });
              resolve({ ok: false, refused, error });
            }
            return;
          }
          this.counted();
          this.openChannels.add(channel);
          this.counts.maxConcurrentChannels = Math.max(this.counts.maxConcurrentChannels, this.openChannels.size);
          channel.once("close", () => {
            this.openChannels.delete(channel);
            this.abandoned.delete(channel);
            this.releaseAfterRoundTrip();
          });
          if (gaveUp) {
            this.abandon(channel);
            return;
          }
          resolve({ ok: true, channel });
        });
      } catch (err) {
        // ssh2 throws synchronously when the connection is already gone.
        clearTimeout(timer);
        this.release();
        resolve({
          ok: false,
          refused: false,
          error: new SshChannelError("channel", `Could not run "${ctx.command}" on ${where}: the connection is closed.`, {
            ...ctx,
            cause: this.state.error ?? err,
          }),
        });
      }
    });
  }

  private counted(): void {
    this.counts.channels++;
    this.counts.execRequests++;
  }

  private releaseAfterRoundTrip(): void {
    void this.roundTrip().then(() => this.release());
  }

  /**
   * A request sshd must answer, sent after everything we sent so far: "cancel-tcpip-forward"
   * for a forwarding that does not exist, through ssh2's public unforwardIn. sshd answers
   * REQUEST_FAILURE and logs it at debug level only. (OpenSSH's own keepalive@openssh.com
   * would do the same, but ssh2 sends that only from private API.)
   */
  private roundTrip(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.conn.off("close", done);
        resolve();
      };
      const timer = setTimeout(done, ROUND_TRIP_MAX_MS);
      this.conn.once("close", done);
      if (this.state.closed) return done();
      try {
        this.conn.unforwardIn("127.0.0.1", 0, () => done());
      } catch {
        done(); // not connected any more: nothing to wait for
      }
    });
  }

  private async acquire(front: boolean, timeoutMs: number, ctx: SshErrorContext & { command: string }): Promise<void> {
    if (this.taken < this.limit && this.waiting.length === 0) {
      this.taken++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      const check = () => {
        if (this.abandoned.size < this.taken) {
          timer = setTimeout(check, timeoutMs); // a slot is in use and will end: keep waiting
          return;
        }
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(
          new SshChannelError(
            "channel",
            `No SSH channel to ${describeTarget(ctx.address, ctx.port)} became free for "${ctx.command}" within ` +
              `${formatSeconds(timeoutMs)}: the ${this.taken} this connection may open are all held by commands netdiag ` +
              `stopped waiting for, which the host has not ended (sshd does not signal commands of root logins).`,
            ctx,
          ),
        );
      };
      let timer = setTimeout(check, timeoutMs);
      if (front) this.waiting.unshift(waiter);
      else this.waiting.push(waiter);
    });
  }

  private release(): void {
    this.taken--;
    // Hand free slots straight to waiters, in order, so `taken` stays accurate.
    while (this.taken < this.limit) {
      const next = this.waiting.shift();
      if (!next) return;
      this.taken++;
      next();
    }
  }
}
