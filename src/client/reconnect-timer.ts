/**
 * The wait before a reconnect attempt. Each reconnect takes a ticket; a newer ticket or cancel() makes
 * every older one stale, and a stale wait resolves false at once, so that only the latest request acts.
 */
export class ReconnectTimer {
  private ticket = 0;
  private timer: NodeJS.Timeout | undefined;
  private waiter: ((proceed: boolean) => void) | undefined;

  /** Make all pending waits stale and hand out a ticket for a new one. */
  take(): number {
    this.cancel();
    return this.ticket;
  }

  /** The ticket most recently taken (or invalidated by cancel()). */
  get current(): number {
    return this.ticket;
  }

  /** Whether no newer ticket or cancel() came since this ticket was taken. */
  isCurrent(ticket: number): boolean {
    return ticket === this.ticket;
  }

  /** Resolves true after delayMs, or false as soon as the ticket goes stale. Keeps the process alive meanwhile. */
  wait(ticket: number, delayMs: number): Promise<boolean> {
    if (!this.isCurrent(ticket)) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.waiter = undefined;
        resolve(true);
      }, Math.max(0, delayMs));
    });
  }

  cancel(): void {
    clearTimeout(this.timer);
    const waiter = this.waiter;
    this.timer = undefined;
    this.waiter = undefined;
    this.ticket++;
    waiter?.(false);
  }
}
