/** Rows refused, grouped by field and problem, with the first lines of each, for the end-of-run summary. */
export class RowTally {
  rows = 0;
  accepted = 0;
  duplicates = 0;
  rejected = 0;
  private readonly reasons = new Map<string, { count: number; lines: number[] }>();

  reject(line: number, field: string, problem: string): void {
    this.rejected++;
    const key = `${field}: ${problem}`;
    const reason = this.reasons.get(key) ?? { count: 0, lines: [] };
    reason.count++;
    if (reason.lines.length < 5) reason.lines.push(line);
    this.reasons.set(key, reason);
  }

  /** A few lines a person can read: totals, then each reason with where to look. */
  summary(what: string): string {
    const lines = [
      `${what}: ${this.rows.toLocaleString('en-US')} rows, ${this.accepted.toLocaleString('en-US')} accepted` +
        `${this.duplicates > 0 ? ` (${this.duplicates.toLocaleString('en-US')} already stored)` : ''}, ${this.rejected.toLocaleString('en-US')} rejected`,
    ];
    const sorted = [...this.reasons.entries()].sort((a, b) => b[1].count - a[1].count);
    for (const [reason, { count, lines: at }] of sorted.slice(0, 20)) {
      lines.push(`  ${count.toLocaleString('en-US')} × ${reason} (line${at.length > 1 ? 's' : ''} ${at.join(', ')}${count > at.length ? ', …' : ''})`);
    }
    if (sorted.length > 20) lines.push(`  … and ${sorted.length - 20} other reasons`);
    return lines.join('\n');
  }
}
