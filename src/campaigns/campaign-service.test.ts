import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.js';
import { KairosError } from '../shared/errors.js';
import type { CampaignInput } from './campaign.js';
import { socialProofInput } from './campaign-fixtures.js';
import { CampaignService } from './campaign-service.js';
import { InMemoryCampaignStore } from './in-memory-campaign-store.js';
import { createLiquidEngine } from './templates/liquid-engine.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');

async function refusal(promise: Promise<unknown>): Promise<KairosError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KairosError);
  return error as KairosError;
}

describe('CampaignService', () => {
  let clock: ManualClock;
  let service: CampaignService;
  let ids: number;

  beforeEach(() => {
    clock = new ManualClock(T0);
    ids = 0;
    service = new CampaignService({ store: new InMemoryCampaignStore(), clock, liquid: createLiquidEngine(), newCampaignId: () => `cmp_${++ids}` });
  });

  it('creates a draft with defaults filled in and reads it back', async () => {
    const created = await service.create(socialProofInput({ holdoutPercent: undefined }));
    expect(created).toMatchObject({ id: 'cmp_1', status: 'draft', version: 1, priority: 0, holdoutPercent: 0, createdAt: '2026-11-23T10:00:00.000Z' });
    expect(created.variants[0]!.weight).toBe(1);
    expect(await service.get('cmp_1')).toEqual(created);
  });

  it('moves through draft → active → paused → active → ended, bumping the version, and no further', async () => {
    await service.create(socialProofInput());
    clock.advance(1000);
    expect(await service.setStatus('cmp_1', 'active')).toMatchObject({ status: 'active', version: 2, updatedAt: '2026-11-23T10:00:01.000Z' });
    expect((await service.setStatus('cmp_1', 'paused')).status).toBe('paused');
    expect((await service.setStatus('cmp_1', 'active')).status).toBe('active');
    expect((await service.setStatus('cmp_1', 'active')).version).toBe(4); // no change, no new version
    expect((await service.setStatus('cmp_1', 'ended')).status).toBe('ended');
    const error = await refusal(service.setStatus('cmp_1', 'active'));
    expect(error.statusCode).toBe(409);
    expect(error.details[0]).toEqual({ field: 'status', problem: 'a ended campaign cannot become active' });
    expect((await refusal(service.replace('cmp_1', socialProofInput()))).message).toMatch(/ended campaign cannot be changed/);
  });

  it('refuses a draft going straight to paused, naming what it can become', async () => {
    await service.create(socialProofInput());
    expect((await refusal(service.setStatus('cmp_1', 'paused'))).details[0]!.problem).toBe('a draft campaign cannot become paused; it can become active or ended');
  });

  it('replaces over the version the editor saw, and refuses a stale one with 409', async () => {
    await service.create(socialProofInput());
    const replaced = await service.replace('cmp_1', socialProofInput({ name: 'Renamed', version: 1 }));
    expect(replaced).toMatchObject({ name: 'Renamed', version: 2, createdAt: '2026-11-23T10:00:00.000Z' });
    const stale = await refusal(service.replace('cmp_1', socialProofInput({ name: 'Lost update', version: 1 })));
    expect(stale.statusCode).toBe(409);
    expect(stale.details[0]!.field).toBe('version');
    expect((await service.get('cmp_1')).name).toBe('Renamed');
  });

  it('deletes drafts only', async () => {
    await service.create(socialProofInput());
    await service.create(socialProofInput({ status: 'active' }));
    expect((await refusal(service.delete('cmp_2'))).statusCode).toBe(409);
    await service.delete('cmp_1');
    expect((await refusal(service.get('cmp_1'))).statusCode).toBe(404);
    expect((await service.list()).map((campaign) => campaign.id)).toEqual(['cmp_2']);
  });

  it.each<[string, Partial<CampaignInput>, string, RegExp]>([
    ['a bad audience', { audience: { all: [{ path: 'session.views', gte: 'many' }, { path: 'bogus.x', eq: 1 }] } }, 'audience.all.1.path', /must start with/],
    ['a bad event condition', { trigger: { type: 'event', when: { path: 'event.name', equals: 'x' } } }, 'trigger.when.equals', /unknown operator/],
    [
      'a template that does not parse',
      { variants: [{ id: 'a', kind: 'custom', channel: 'web', content: { title: 'ok', body: 'Only {{ product.inventory left!' } }] },
      'variants.0.content.body',
      /^line 1, col 6: output "\{\{ product.inventory left!" not closed/,
    ],
    ['an unknown filter', { variants: [{ id: 'a', kind: 'custom', channel: 'web', content: { body: '{{ x | shout }}' } }] }, 'variants.0.content.body', /undefined filter: shout/],
    ['an include', { variants: [{ id: 'a', kind: 'custom', channel: 'web', content: { body: '{% include "/etc/passwd" %}' } }] }, 'variants.0.content.body', /cannot read other files/],
    [
      'two variants with one id',
      { variants: [{ id: 'a', kind: 'custom', channel: 'web', content: { body: 'x' } }, { id: 'a', kind: 'custom', channel: 'web', content: { body: 'y' } }] },
      'variants.1.id',
      /used by another variant/,
    ],
    ['an email on a placement', { variants: [{ id: 'a', kind: 'custom', channel: 'email', content: { body: 'x' } }] }, 'variants.0.channel', /placement is pulled by web, app or kiosk/],
    ['a schedule ending before it starts', { schedule: { startsAt: '2026-12-02T00:00:00Z', endsAt: '2026-12-01T00:00:00Z' } }, 'schedule.endsAt', /after schedule.startsAt/],
    ['a schedule that is not a time', { schedule: { startsAt: 'next monday' } }, 'schedule.startsAt', /ISO-8601/],
    ['an inverted propensity band', { trigger: { type: 'propensity', min: 0.6, max: 0.3 } }, 'trigger.min', /not be above/],
    [
      'an inverted optimization band',
      { variants: [{ id: 'a', kind: 'custom', channel: 'web', content: { body: 'x' } }, { id: 'b', kind: 'custom', channel: 'web', content: { body: 'y' } }], optimization: { policy: 'thompson_sampling', band: { min: 0.5, max: 0.2 } } },
      'optimization.band.min',
      /not be above optimization.band.max/,
    ],
    ['optimization without a goal', { goal: undefined, variants: [{ id: 'a', kind: 'custom', channel: 'web', content: { body: 'x' } }, { id: 'b', kind: 'custom', channel: 'web', content: { body: 'y' } }], optimization: { policy: 'thompson_sampling', band: { min: 0, max: 1 } } }, 'goal', /learns from conversions/],
    ['optimization of a single variant', { optimization: { policy: 'thompson_sampling', band: { min: 0, max: 1 } } }, 'variants', /at least two variants/],
    ['a new campaign already ended', { status: 'ended' }, 'status', /starts as draft or active/],
  ])('refuses %s when saved, naming the field', async (_what, overrides, field, problem) => {
    const error = await refusal(service.create(socialProofInput(overrides)));
    expect(error.statusCode).toBe(400);
    expect(error.details[0]!.field).toBe(field);
    expect(error.details[0]!.problem).toMatch(problem);
    expect(await service.list()).toEqual([]);
  });
});
