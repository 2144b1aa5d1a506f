export interface HeartbeatOptions {
  /** Send a ping this often; 0 or less: never. */
  intervalMs: number;
  /** Report a timeout when a heartbeat ping gets no pong this soon; 0 or absent: never. */
  pongTimeoutMs?: number;
  sendPing(): void;
  onPongTimeout(waitedMs: number): void;
}

/**
 * Workerman-style keepalive: a ping every interval while the connection is open. With a pong timeout,
 * the oldest unanswered heartbeat ping is timed; any pong answers it, since RFC 6455 section 5.5.3 lets a
 * peer answer only the most recent of several pings. Timers stay ref'd (they are the connection's own
 * work) and stop() always clears them.
 */
export class Heartbeat {
  private interval: NodeJS.Timeout | undefined;
  private pongTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: HeartbeatOptions) {}

  start(): void {
    if (this.options.intervalMs <= 0 || this.interval) return;
    this.interval = setInterval(() => this.beat(), this.options.intervalMs);
  }

  pongReceived(): void {
    clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  stop(): void {
    clearInterval(this.interval);
    clearTimeout(this.pongTimer);
    this.interval = undefined;
    this.pongTimer = undefined;
  }

  private beat(): void {
    this.options.sendPing();
    const timeout = this.options.pongTimeoutMs ?? 0;
    if (timeout > 0 && !this.pongTimer) {
      this.pongTimer = setTimeout(() => {
        this.pongTimer = undefined;
        this.options.onPongTimeout(timeout);
      }, timeout);
    }
  }
}
