import type { TimerKind, TriggerTimer } from './trigger-timer.js';
import type { TriggerTimerStore } from './trigger-timer-store.js';

type Status = 'pending' | 'fired' | 'cancelled';

/** For tests of the trigger engine; behaves as the SQLite adapter (the contract test says so). */
export class InMemoryTriggerTimerStore implements TriggerTimerStore {
  private readonly timers = new Map<string, { timer: TriggerTimer; status: Status }>();

  async reschedule(timer: TriggerTimer): Promise<void> {
    this.timers.set(timer.key, { timer: structuredClone(timer), status: 'pending' });
  }

  async scheduleOnce(timer: TriggerTimer): Promise<void> {
    if (!this.timers.has(timer.key)) await this.reschedule(timer);
  }

  async cancel(profileId: string, kind: TimerKind): Promise<number> {
    let cancelled = 0;
    for (const entry of this.timers.values()) {
      if (entry.status === 'pending' && entry.timer.profileId === profileId && entry.timer.kind === kind) {
        entry.status = 'cancelled';
        cancelled++;
      }
    }
    return cancelled;
  }

  async due(now: number, limit: number): Promise<TriggerTimer[]> {
    return [...this.timers.values()]
      .filter((entry) => entry.status === 'pending' && entry.timer.dueAt <= now)
      .sort((a, b) => a.timer.dueAt - b.timer.dueAt)
      .slice(0, limit)
      .map((entry) => structuredClone(entry.timer));
  }

  async claim(key: string): Promise<boolean> {
    const entry = this.timers.get(key);
    if (entry?.status !== 'pending') return false;
    entry.status = 'fired';
    return true;
  }

  async nextDueAt(): Promise<number | undefined> {
    const pending = [...this.timers.values()].filter((entry) => entry.status === 'pending').map((entry) => entry.timer.dueAt);
    return pending.length === 0 ? undefined : Math.min(...pending);
  }

  async status(key: string): Promise<Status | undefined> {
    return this.timers.get(key)?.status;
  }
}
