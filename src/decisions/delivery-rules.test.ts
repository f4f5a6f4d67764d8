import { describe, expect, it } from 'vitest';
import type { DecisionSettings } from '../config/load-config.js';
import { emptyProfileState } from '../profiles/profile-state.js';
import { consentAllows, holdoutShare, inQuietHours, purposeOf } from './delivery-rules.js';

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
  });
});
