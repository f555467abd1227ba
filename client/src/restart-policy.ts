/**
 * Decides what to do when the server process dies: restart it quietly a few times, and when
 * it keeps dying, stop and tell the user once instead of looping. Pure, so it is testable
 * without VS Code.
 */
export class RestartPolicy {
  private readonly crashes: number[] = [];
  private gaveUp = false;

  constructor(
    private readonly maxRestarts = 3,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** 'restart' while crashes within the window stay under the limit; then 'stop', once with a message. */
  onClosed(): { action: 'restart' | 'stop'; message?: string } {
    const time = this.now();
    this.crashes.push(time);
    while (this.crashes.length && time - this.crashes[0] > this.windowMs) this.crashes.shift();
    if (this.crashes.length <= this.maxRestarts) return { action: 'restart' };
    if (this.gaveUp) return { action: 'stop' };
    this.gaveUp = true;
    return {
      action: 'stop',
      message: `The ime-lint server stopped ${this.crashes.length} times in ${Math.round(this.windowMs / 60_000)} minutes and was not restarted. Run "IME: Restart server" to try again.`,
    };
  }

  /** A manual restart starts a fresh count. */
  reset(): void {
    this.crashes.length = 0;
    this.gaveUp = false;
  }
}
