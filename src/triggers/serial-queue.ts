/**
 * Runs queued async jobs one at a time, in order. A job that throws is reported and the next one runs.
 * (p-queue does this too; it would be a dependency for twenty lines.)
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (error: unknown) => void) {}

  push(job: () => Promise<void>): void {
    this.tail = this.tail.then(job).catch(this.onError);
  }

  /** Resolves once every job queued so far has finished (jobs queued meanwhile are waited for too). */
  async idle(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.tail) {
      seen = this.tail;
      await seen;
    }
  }
}
