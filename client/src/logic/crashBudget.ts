// Restart-on-crash policy: restart up to 4 times within 3 minutes; the fifth crash in that window stops it
// (a server that dies on start would otherwise restart forever).
export class CrashBudget {
  private crashes: number[] = [];

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server should be restarted. */
  recordCrash(): boolean {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    return this.crashes.length <= this.maxRestarts;
  }

  /** Crashes counted in the current window. */
  get recent(): number {
    const t = this.now();
    return this.crashes.filter((c) => t - c < this.windowMs).length;
  }

  /** Forget past crashes (after the user restarts the server on purpose). */
  reset(): void {
    this.crashes = [];
  }
}
