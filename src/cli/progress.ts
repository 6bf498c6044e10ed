// A progress line on stderr while the CLI works through many inputs, only
// when stderr is a terminal (never in a pipe or a log): "policy-lens: 12/88
// files, 3.4 per second", rewritten in place at most five times a second,
// cleared before any other message and at the end.

/** How often the line is rewritten, at most (ms). */
const EVERY_MS = 200;

export class Progress {
  private done = 0;
  private shownAt = 0;
  private shown = false;
  private readonly started = Date.now();

  constructor(
    private readonly write: (s: string) => void,
    /** Whether to show it at all (stderr is a terminal). */
    readonly enabled: boolean,
    /** What is counted ('files', 'documents'). */
    private readonly unit: string,
    /** How many there are, when known. */
    private readonly total?: number,
  ) {}

  /** One more done. */
  tick(): void {
    this.done++;
    if (!this.enabled) return;
    const t = Date.now();
    if (t - this.shownAt < EVERY_MS && this.done !== this.total) return;
    this.shownAt = t;
    const seconds = Math.max(0.001, (t - this.started) / 1000);
    const count = this.total === undefined ? `${this.done}` : `${this.done}/${this.total}`;
    this.write(`\r\x1b[Kpolicy-lens: ${count} ${this.unit}, ${(this.done / seconds).toFixed(1)} per second`);
    this.shown = true;
  }

  /** Removes the line (before another message, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.write('\r\x1b[K');
    this.shown = false;
  }

  /** A writer of messages that clears the line first. */
  messages(write: (s: string) => void): (s: string) => void {
    return (s) => {
      this.clear();
      write(s);
    };
  }
}
