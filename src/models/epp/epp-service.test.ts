import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKairos } from '../../app/create-kairos.js';
import { loadConfig } from '../../config/load-config.js';
import { KairosError } from '../../shared/errors.js';
import { eppArtifactWithWeights } from '../../test-support/epp-artifact-fixture.js';
import { createTempKairos, type TempKairos } from '../../test-support/temp-kairos.js';
import { EPP_MODEL_KIND } from './epp-artifact.js';

const sigmoid = (margin: number) => Math.round((1 / (1 + Math.exp(-margin))) * 1e4) / 1e4;

describe('EppService in the ingestion path', () => {
  let kairos: TempKairos;
  let sequence = 0;
  beforeEach(() => {
    kairos = createTempKairos({}, undefined, { eppArtifact: eppArtifactWithWeights('hand-1', -3, { 'click=3': 2, 'cart_adds=1': 1 }) });
  });
  afterEach(async () => {
    await kairos.dispose();
  });

  const track = (userId: string, event: string, properties: Record<string, unknown> = { product_id: 'p1' }, minutesLater = 0) =>
    kairos.ingestion.ingest([{ type: 'track', event, userId, messageId: `m${++sequence}`, timestamp: new Date(kairos.clock.now() + minutesLater * 60_000).toISOString(), properties }]);
  const session = async (userId: string) => (await kairos.profiles.getProfile(userId)).features.session!;

  it('scores every session event before the profile is saved, with the version and the history', async () => {
    await track('u1', 'Product Viewed');
    await track('u1', 'Product Viewed');
    await track('u1', 'Product Added', { product_id: 'p1', price: 10 });
    expect(await session('u1')).toMatchObject({
      purchaseProbability: sigmoid(-3 + 2 + 1),
      purchaseProbabilityModel: 'hand-1',
      purchaseProbabilityHistory: [
        [1, sigmoid(-3)],
        [2, sigmoid(-3)],
        [3, sigmoid(0)],
      ],
    });
    await track('u1', 'Order Completed', { order_id: 'o1', total: 10, products: [{ product_id: 'p1' }] });
    expect((await session('u1')).purchaseProbability).toBe(1);
  });

  it('is a fact campaign audiences can target: on-the-fence shoppers see the campaign, others do not', async () => {
    await kairos.campaigns.create({
      name: 'On the fence',
      status: 'active',
      trigger: { type: 'placement', placements: ['cart'] },
      audience: { all: [{ path: 'session.purchaseProbability', gte: 0.3 }, { path: 'session.purchaseProbability', lte: 0.7 }] },
      variants: [{ id: 'nudge', kind: 'custom', channel: 'web', content: { body: 'Still thinking it over?' } }],
    });
    const decide = (userId: string) => kairos.decisions.decide({ userId, placement: 'cart', channel: 'web', preview: true });
    await track('browsing', 'Product Viewed');
    expect((await decide('browsing')).interventions).toEqual([]); // p = 0.047
    for (let click = 0; click < 3; click++) await track('hesitating', click === 2 ? 'Product Added' : 'Product Viewed', { product_id: 'p1', price: 10 });
    expect((await session('hesitating')).purchaseProbability).toBe(0.5);
    expect((await decide('hesitating')).interventions.map((intervention) => intervention.variantId)).toEqual(['nudge']);
  });

  it('learns from settled sessions and checkpoints them as a new active version with progressive metrics', async () => {
    for (let user = 0; user < 40; user++) {
      for (let click = 0; click < 3; click++) await track(`u${user}`, 'Product Viewed');
      if (user % 4 === 0) await track(`u${user}`, 'Order Completed', { order_id: `o${user}`, total: 5, products: [{ product_id: 'p1' }] });
    }
    await track('late', 'Product Viewed', { product_id: 'p1' }, 45); // the stream's clock passes the others' timeout
    const version = await kairos.epp.checkpoint();
    expect(version).toMatchObject({ kind: EPP_MODEL_KIND, source: 'online', parent: 'hand-1', active: true });
    expect(version!.metrics).toMatchObject({ progressive: { examples: 120, positives: 30 } });
    expect(await kairos.epp.servingId()).toBe(version!.id);
    expect(await kairos.epp.checkpoint()).toBeUndefined(); // nothing new learned
    await track('u99', 'Product Viewed');
    expect((await session('u99')).purchaseProbabilityModel).toBe(version!.id);
  });

  it('refuses a corrupt artifact with the reason and keeps serving the model it had', async () => {
    const broken = { ...eppArtifactWithWeights('broken', 0), ftrl: { settings: { alpha: 1, beta: 1, l1: 0, l2: 0 }, slots: [1, 2], z: [0.5], n: [0, 0] } };
    await expect(kairos.epp.install(broken)).rejects.toMatchObject({ statusCode: 422, details: [{ field: '/ftrl' }] });
    await expect(kairos.epp.install({ format: 'something-else' })).rejects.toBeInstanceOf(KairosError);
    expect(await kairos.epp.servingId()).toBe('hand-1');
    expect(await kairos.epp.versions()).toEqual([]);
  });

  it('swaps an installed version in without a restart, serves the active one after a restart, and rolls back', async () => {
    await kairos.epp.install(eppArtifactWithWeights('v1', -1));
    await kairos.epp.install({ ...eppArtifactWithWeights('v2', 1), createdAt: '2026-11-02T00:00:00.000Z' });
    await track('u1', 'Product Viewed');
    expect(await session('u1')).toMatchObject({ purchaseProbability: sigmoid(1), purchaseProbabilityModel: 'v2' });
    await expect(kairos.epp.install(eppArtifactWithWeights('v2', 3))).rejects.toMatchObject({ statusCode: 409 });
    await expect(kairos.epp.activate('missing')).rejects.toMatchObject({ statusCode: 404 });
    await kairos.epp.activate('v1');
    expect((await kairos.epp.versions()).map((version) => [version.id, version.active])).toEqual([
      ['v2', false],
      ['v1', true],
    ]);
    await kairos.close();
    const again = createKairos(loadConfig({ dataDir: kairos.dataDir }, { KAIROS_LOG_LEVEL: 'silent' }), { eppArtifact: eppArtifactWithWeights('fallback', 0) });
    await again.epp.ready();
    await again.ingestion.ingest([{ type: 'track', event: 'Product Viewed', userId: 'u2', messageId: 'after-restart', properties: { product_id: 'p1' } }]);
    expect((await again.profiles.getProfile('u2')).features.session).toMatchObject({ purchaseProbability: sigmoid(-1), purchaseProbabilityModel: 'v1' });
    await again.close();
    kairos.close = async () => undefined; // already closed above; dispose only removes the data dir
  });
});
