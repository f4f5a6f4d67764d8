import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { socialProofInput } from './campaign-fixtures.js';

describe('campaign routes over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const admin = (method: string, path: string, body?: unknown) => server.request(method, path, { auth: 'admin', body });

  it('creates, shows, lists, replaces, activates, ends; and deletes only drafts', async () => {
    const created = await admin('POST', '/v1/campaigns', socialProofInput());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 1, priority: 0, holdoutPercent: 10 });
    const id: string = created.body.id;
    expect(id).toMatch(/^cmp_/);

    expect((await admin('GET', `/v1/campaigns/${id}`)).body).toEqual(created.body);

    const replaced = await admin('PUT', `/v1/campaigns/${id}`, socialProofInput({ name: 'Renamed', priority: 5, version: 1 }));
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: 'Renamed', priority: 5, version: 2 });

    const stale = await admin('PUT', `/v1/campaigns/${id}`, socialProofInput({ name: 'Lost', version: 1 }));
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'KAIROS_CONFLICT', details: [{ field: 'version' }] });

    expect((await admin('PUT', `/v1/campaigns/${id}/status`, { status: 'active' })).body).toMatchObject({ status: 'active', version: 3 });
    expect((await admin('GET', '/v1/campaigns?status=active')).body.campaigns.map((campaign: { id: string }) => campaign.id)).toEqual([id]);
    expect((await admin('GET', '/v1/campaigns?status=draft')).body.campaigns).toEqual([]);

    const deleteActive = await admin('DELETE', `/v1/campaigns/${id}`);
    expect(deleteActive.status).toBe(409);
    expect(deleteActive.body.error.message).toMatch(/end it instead/);

    const draft = await admin('POST', '/v1/campaigns', socialProofInput({ name: 'Scratch' }));
    expect((await admin('DELETE', `/v1/campaigns/${draft.body.id}`)).status).toBe(204);
    expect((await admin('GET', `/v1/campaigns/${draft.body.id}`)).status).toBe(404);
  });

  it.each([
    ['a missing name', { ...socialProofInput(), name: undefined }, 'name', /required/],
    ['a blank name', socialProofInput({ name: '   ' }), 'name', /must not be blank/],
    ['an unknown field', { ...socialProofInput(), audiance: {} }, 'audiance', /not a campaign field/],
    ['a variant of an unknown kind', socialProofInput({ variants: [{ id: 'a', kind: 'bribe' as never, channel: 'web', content: { body: 'x' } }] }), 'variants.0.kind', /^must be one of social_proof, price, urgency/],
    ['a trigger with a bad duration', socialProofInput({ trigger: { type: 'cart_abandonment', after: 'soon' } }), 'trigger.after', /must be a duration such as 90s/],
    ['a trigger missing its setting', socialProofInput({ trigger: { type: 'dwell' } as never }), 'trigger.seconds', /^is required$/],
    ['an unknown trigger', socialProofInput({ trigger: { type: 'teleport' } as never }), 'trigger.type', /^must be one of placement, event, dwell/],
    ['a condition with a bad operator', socialProofInput({ audience: { path: 'session.events', above: 3 } }), 'audience.above', /unknown operator/],
    ['an unknown optimization policy', socialProofInput({ optimization: { policy: 'epsilon_greedy' as never, band: { min: 0, max: 1 } } }), 'optimization.policy', /thompson_sampling/],
    ['an optimization band above 1', socialProofInput({ optimization: { policy: 'thompson_sampling', band: { min: 0.2, max: 1.5 } } }), 'optimization.band.max', /1/],
    ['an exploration floor below 0', socialProofInput({ optimization: { policy: 'thompson_sampling', band: { min: 0, max: 1 }, explorationFloor: -0.1 } }), 'optimization.explorationFloor', /0/],
    ['a broken template', socialProofInput({ variants: [{ id: 'a', kind: 'custom', channel: 'web', content: { body: '{% if %}' } }] }), 'variants.0.content.body', /^line 1, col \d+: /],
  ])('answers 400 naming the field for %s, and stores nothing', async (_what, body, field, problem) => {
    const before = (await admin('GET', '/v1/campaigns')).body.campaigns.length;
    const response = await admin('POST', '/v1/campaigns', body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('KAIROS_INVALID_REQUEST');
    expect(response.body.error.details[0].field).toBe(field);
    expect(response.body.error.details[0].problem).toMatch(problem);
    expect((await admin('GET', '/v1/campaigns')).body.campaigns.length).toBe(before);
  });

  it('needs the admin key: none is 401, the write key 403', async () => {
    expect((await server.request('GET', '/v1/campaigns', { auth: 'none' })).status).toBe(401);
    expect((await server.request('POST', '/v1/campaigns', { auth: 'write', body: socialProofInput() })).status).toBe(403);
  });

  it('answers 404 for an unknown campaign and 400 for an id that cannot be one', async () => {
    expect((await admin('GET', '/v1/campaigns/cmp_nope')).body.error.code).toBe('KAIROS_CAMPAIGN_NOT_FOUND');
    expect((await admin('GET', `/v1/campaigns/${'x'.repeat(65)}`)).status).toBe(400);
  });

  it('documents the campaign API in /openapi.json', async () => {
    const spec = (await server.request('GET', '/openapi.json', { auth: 'none' })).body;
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/v1/campaigns', '/v1/campaigns/{id}', '/v1/campaigns/{id}/status']));
    expect(spec.paths['/v1/campaigns'].post.security).toEqual([{ adminKey: [] }]);
  });
});
