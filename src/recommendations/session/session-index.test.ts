import { describe, expect, it } from 'vitest';
import { SessionIndex } from './session-index.js';

describe('SessionIndex', () => {
  it('keeps each session\'s clicks in order, repeats included, across interleaved sessions', () => {
    const index = new SessionIndex();
    const a = index.addClick('a', 'P1', 1);
    const b = index.addClick('b', 'P2', 2);
    index.addClick('a', 'P1', 3);
    index.addClick('a', 'P3', 4);
    expect(index.clicks(a).map((id) => index.items.idOf(id))).toEqual(['P1', 'P1', 'P3']);
    expect(index.clicks(b).map((id) => index.items.idOf(id))).toEqual(['P2']);
    expect(index.time(a)).toBe(4);
    expect(index.sessionsWith(index.items.find('P1')!)).toBe(1);
  });

  it('forgets the oldest session beyond maxSessions, with its postings and document frequencies', () => {
    const index = new SessionIndex({ maxSessions: 2 });
    const first = index.addClick('a', 'P1', 1);
    index.addClick('b', 'P1', 2);
    index.addClick('c', 'P2', 3);
    const p1 = index.items.find('P1')!;
    expect(index.isLive(first)).toBe(false);
    expect(index.sessionsWith(p1)).toBe(1);
    expect(index.recentSessionsWith([p1], 10)).toEqual([1]);
    expect(index.liveSession('a')).toBeUndefined();
    expect(index.liveSession('c')).toBe(2);
    // The forgotten session's key starts a new session rather than writing into another's slot.
    const again = index.addClick('a', 'P3', 4);
    expect(again).toBe(3);
    expect(index.clicks(again).map((id) => index.items.idOf(id))).toEqual(['P3']);
  });

  it('returns the most recent sessions holding any of the items, newest first, without the excluded one', () => {
    const index = new SessionIndex();
    for (let s = 0; s < 6; s++) index.addClick(`s${s}`, s % 2 === 0 ? 'P1' : 'P2', s);
    const [p1, p2] = [index.items.find('P1')!, index.items.find('P2')!];
    expect(index.recentSessionsWith([p1, p2], 3)).toEqual([5, 4, 3]);
    expect(index.recentSessionsWith([p1], 2, 4)).toEqual([2, 0]);
  });

  it('caps the clicks kept per session and refuses limits below 1', () => {
    const index = new SessionIndex({ maxClicksPerSession: 2 });
    const session = index.addClick('a', 'P1', 1);
    index.addClick('a', 'P2', 2);
    index.addClick('a', 'P3', 3);
    expect(index.clicks(session)).toHaveLength(2);
    expect(() => new SessionIndex({ maxSessions: 0 })).toThrow('maxSessions is 0');
  });

  it('counts the sessions holding an item among the most recent ones', () => {
    const index = new SessionIndex();
    for (let s = 0; s < 10; s++) index.addClick(`s${s}`, s < 7 ? 'old' : 'new', s);
    index.addClick('s9', 'old', 9);
    const [old, fresh] = [index.items.find('old')!, index.items.find('new')!];
    expect(index.recentSessionsWithItem(old, 3)).toBe(1);
    expect(index.recentSessionsWithItem(fresh, 3)).toBe(3);
    expect(index.recentSessionsWithItem(old, 100)).toBe(8);
    expect(index.recentSessionsWithItem(index.items.intern('never'), 3)).toBe(0);
  });
});
