import { describe, expect, it } from 'vitest';
import { banditContext, contextBucket, contextFeatures, inBand } from './bandit-context.js';

describe('banditContext', () => {
  it('reads the facts a decision knows by their condition names, leaving out the unknown ones', () => {
    const context = banditContext({
      session: { purchaseProbability: 0.31, firstVisit: false, deviceType: 'mobile' },
      lifetime: { frequency: 2 },
      cart: { value: 80 },
      context: { channel: 'app', localTime: { hour: 20, weekday: 'Sunday', time: '20:05' } },
    });
    expect(context).toEqual({ purchaseProbability: 0.31, cartValue: 80, firstVisit: false, returningBuyer: true, channel: 'app', device: 'mobile', hour: 20, weekend: true });
    expect(contextFeatures(context)).toEqual({ bias: 1, purchaseProbability: 0.31, returningBuyer: 1, cart: 1, mobile: 1, 'channel:app': 1, evening: 1, weekend: 1 });
    expect(banditContext({ context: { channel: 'web' } })).toEqual({ channel: 'web' });
  });

  it('is in the band only with a known purchase probability within it, bounds included', () => {
    const band = { min: 0.2, max: 0.5 };
    expect(inBand(band, { purchaseProbability: 0.2 })).toBe(true);
    expect(inBand(band, { purchaseProbability: 0.5 })).toBe(true);
    expect(inBand(band, { purchaseProbability: 0.51 })).toBe(false);
    expect(inBand(band, {})).toBe(false);
  });

  it('buckets contexts for the direct model by probability range, first visit and cart', () => {
    expect(contextBucket({ purchaseProbability: 0.3, firstVisit: true, cartValue: 10 })).toBe('p2|first|cart');
    expect(contextBucket({})).toBe('p?|seen|nocart');
  });
});
