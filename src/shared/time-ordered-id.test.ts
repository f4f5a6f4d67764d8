import { describe, expect, it } from 'vitest';
import { createTimeOrderedIds } from './time-ordered-id.js';

describe('createTimeOrderedIds', () => {
  it('makes unique ids that sort by creation time', () => {
    let now = 1_700_000_000_000;
    const next = createTimeOrderedIds('prf_', () => now);
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i % 1000 === 0) now += 1;
      ids.push(next());
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^prf_[0-9a-z]{12}[A-Za-z0-9_-]{6}$/);
  });
});
