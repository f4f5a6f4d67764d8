import { beforeEach, describe, expect, it } from 'vitest';
import type { Campaign } from './campaign.js';
import type { CampaignStore } from './campaign-store.js';

export function sampleCampaign(id: string, overrides: Partial<Campaign> = {}): Campaign {
  return {
    id,
    name: `Campaign ${id}`,
    status: 'draft',
    priority: 0,
    holdoutPercent: 10,
    trigger: { type: 'placement', placements: ['product-page'] },
    audience: { path: 'session.productViews', gte: 2 },
    variants: [{ id: 'social', kind: 'social_proof', channel: 'web', content: { body: '{{ product.purchasesToday }} people bought this today' } }],
    version: 1,
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

/** The behaviour every CampaignStore adapter must have; each adapter's test calls it with a factory. */
export function describeCampaignStoreContract(adapter: string, createStore: () => CampaignStore): void {
  describe(`CampaignStore contract: ${adapter}`, () => {
    let store: CampaignStore;
    beforeEach(() => {
      store = createStore();
    });

    it('returns a campaign as it was saved', async () => {
      const campaign = sampleCampaign('c1', { schedule: { startsAt: '2026-12-01T00:00:00Z' }, caps: { perDay: 1 } });
      expect(await store.save(campaign, undefined)).toBe(true);
      expect(await store.get('c1')).toEqual(campaign);
      expect(await store.get('unknown')).toBeUndefined();
    });

    it('saves only over the expected version, so concurrent edits cannot overwrite each other', async () => {
      await store.save(sampleCampaign('c1'), undefined);
      expect(await store.save(sampleCampaign('c1', { name: 'again' }), undefined)).toBe(false);
      expect(await store.save(sampleCampaign('c1', { name: 'v2', version: 2 }), 1)).toBe(true);
      expect(await store.save(sampleCampaign('c1', { name: 'stale', version: 2 }), 1)).toBe(false);
      expect(await store.save(sampleCampaign('ghost', { version: 2 }), 1)).toBe(false);
      expect((await store.get('c1'))?.name).toBe('v2');
      expect(await store.get('ghost')).toBeUndefined();
    });

    it('lists newest first, by status when asked', async () => {
      await store.save(sampleCampaign('old', { createdAt: '2026-11-01T00:00:00.000Z', status: 'active' }), undefined);
      await store.save(sampleCampaign('new', { createdAt: '2026-11-20T00:00:00.000Z' }), undefined);
      await store.save(sampleCampaign('mid', { createdAt: '2026-11-10T00:00:00.000Z', status: 'active' }), undefined);
      expect((await store.list()).map((campaign) => campaign.id)).toEqual(['new', 'mid', 'old']);
      expect((await store.list({ status: 'active' })).map((campaign) => campaign.id)).toEqual(['mid', 'old']);
      expect(await store.list({ status: 'ended' })).toEqual([]);
    });

    it('deletes', async () => {
      await store.save(sampleCampaign('c1'), undefined);
      expect(await store.delete('c1')).toBe(true);
      expect(await store.delete('c1')).toBe(false);
      expect(await store.get('c1')).toBeUndefined();
    });

    it('hands out copies: changing a returned campaign changes nothing stored', async () => {
      await store.save(sampleCampaign('c1'), undefined);
      const copy = (await store.get('c1'))!;
      copy.variants[0]!.content.body = 'tampered';
      expect((await store.get('c1'))!.variants[0]!.content.body).not.toBe('tampered');
    });
  });
}
