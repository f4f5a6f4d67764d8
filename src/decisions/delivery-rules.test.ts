import { describe, expect, it } from 'vitest';
import type { DecisionSettings } from '../config/load-config.js';
import { emptyProfileState } from '../profiles/profile-state.js';
import type { Campaign } from '../campaigns/campaign.js';
import type { CompiledCampaign } from './campaign-registry.js';
import { campaignCapReached, consentAllows, holdoutShare, inQuietHours, purposeOf } from './delivery-rules.js';

const settings: DecisionSettings = { globalDailyCap: 3, channelDailyCaps: {}, quietHours: { startMinute: 21 * 60, endMinute: 8 * 60 }, lowStockThreshold: 5 };

describe('delivery rules', () => {
  it('keeps quiet hours across midnight, for pushed channels only', () => {
    expect(inQuietHours('push', 22 * 60, settings)).toBe(true);
    expect(inQuietHours('sms', 7 * 60 + 59, settings)).toBe(true);
    expect(inQuietHours('email', 8 * 60, settings)).toBe(false);
    expect(inQuietHours('push', 12 * 60, settings)).toBe(false);
    expect(inQuietHours('web', 23 * 60, settings)).toBe(false); // the shopper is on the site right now
    expect(inQuietHours('push', 23 * 60, { ...settings, quietHours: { startMinute: 13 * 60, endMinute: 14 * 60 } })).toBe(false);
    const { quietHours: _none, ...withoutQuietHours } = settings;
    expect(inQuietHours('push', 23 * 60, withoutQuietHours)).toBe(false);
  });

  it('needs an explicit grant for email, sms and push; on-site personalization unless refused', () => {
    const state = emptyProfileState('prf_1', 0);
    expect(purposeOf('kiosk')).toBe('personalization');
    expect(consentAllows(state, 'web')).toBe(true);
    expect(consentAllows(undefined, 'web')).toBe(true);
    expect(consentAllows(state, 'email')).toBe(false);
    state.consent.email = { granted: true, at: 0, source: 'api', messageId: 'c1' };
    state.consent.personalization = { granted: false, at: 0, source: 'api', messageId: 'c2' };
    expect(consentAllows(state, 'email')).toBe(true);
    expect(consentAllows(state, 'app')).toBe(false);
  });

  it('spreads holdout shares evenly and keeps each stable', () => {
    const shares = Array.from({ length: 10_000 }, (_, i) => holdoutShare(`user-${i}`, 'cmp_a'));
    const under10 = shares.filter((share) => share < 10).length;
    expect(under10).toBeGreaterThan(900);
    expect(under10).toBeLessThan(1100);
    expect(holdoutShare('user-1', 'cmp_a')).toBe(shares[1]);
    expect(holdoutShare('user-1', 'cmp_b')).not.toBe(shares[1]); // each campaign draws its own holdout
    // Pinned: who is held out must not change with a release, or a running test's arms would mix.
    expect(holdoutShare('user-1', 'cmp_a')).toBe(9.783778805285692);
    expect(holdoutShare('syn1-a42', 'cmp_0mwvgmdad0009i4aui')).toBe(60.157281323336065);
  });

  describe('a campaign\'s own caps', () => {
    const HOUR = 60 * 60 * 1000;
    const now = Date.parse('2026-11-25T12:00:00Z');
    const capped = (caps: Campaign['caps'], minIntervalMs?: number): CompiledCampaign =>
      ({ campaign: { id: 'cmp_a', caps } as Campaign, countQueries: [], variants: [], ...(minIntervalMs !== undefined ? { minIntervalMs } : {}) }) as CompiledCampaign;
    const delivered = (campaignId: string, hoursAgo: number) => ({ campaignId, channel: 'web', at: now - hoursAgo * HOUR });

    it('counts only this campaign\'s deliveries, in rolling windows of 24 hours and 7 days', () => {
      const history = [delivered('cmp_a', 30), delivered('cmp_b', 1), delivered('cmp_a', 2)];
      expect(campaignCapReached(capped({ perDay: 2 }), history, now)).toBeUndefined(); // one in 24 h: the 30 h old one is out
      expect(campaignCapReached(capped({ perDay: 1 }), history, now)).toBe('perDay: 1 in the last 24 hours');
      expect(campaignCapReached(capped({ perWeek: 2 }), history, now)).toBe('perWeek: 2 in the last 7 days');
      expect(campaignCapReached(capped({ perWeek: 2 }), [delivered('cmp_a', 8 * 24), delivered('cmp_a', 2)], now)).toBeUndefined();
    });

    it('keeps the minimum interval since this campaign\'s last delivery', () => {
      const campaign = capped({ minInterval: '4h' }, 4 * HOUR);
      expect(campaignCapReached(campaign, [delivered('cmp_a', 30), delivered('cmp_a', 3)], now)).toBe('minInterval: 4h since the last');
      expect(campaignCapReached(campaign, [delivered('cmp_a', 5), delivered('cmp_b', 1)], now)).toBeUndefined();
      expect(campaignCapReached(campaign, [], now)).toBeUndefined();
    });
  });
});
