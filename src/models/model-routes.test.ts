import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eppArtifactWithWeights } from '../test-support/epp-artifact-fixture.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

describe('model routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const viewAndRead = async (userId: string) => {
    await server.request('POST', '/v1/track', { body: { event: 'Product Viewed', userId, properties: { product_id: 'p1' } } });
    return (await server.request('GET', `/v1/profiles/${userId}`, { auth: 'admin' })).body.features.session;
  };

  it('serves the bundled model on a fresh store, with its test metrics', async () => {
    const { status, body } = await server.request('GET', '/v1/models/epp', { auth: 'admin' });
    expect(status).toBe(200);
    expect(body).toEqual({ serving: 'epp-taobao-2017', versions: [] });
    const session = await viewAndRead('fresh');
    expect(session.purchaseProbabilityModel).toBe('epp-taobao-2017');
    expect(session.purchaseProbability).toBeGreaterThan(0);
    expect(session.purchaseProbability).toBeLessThan(0.5);
  });

  it('installs a gzipped artifact and serves it from the next event, without a restart', async () => {
    const { status, body } = await server.request('POST', '/v1/models/epp', { auth: 'admin', body: eppArtifactWithWeights('uploaded-1', 2), gzip: true });
    expect(status).toBe(201);
    expect(body).toMatchObject({ id: 'uploaded-1', kind: 'epp', source: 'offline', active: true });
    expect(await viewAndRead('after-upload')).toMatchObject({ purchaseProbabilityModel: 'uploaded-1', purchaseProbability: 0.8808 });
    expect((await server.request('GET', '/v1/models/epp/uploaded-1', { auth: 'admin' })).body).toMatchObject({ id: 'uploaded-1', active: true });
  });

  it('answers 422 naming the field for a corrupt artifact, and the model in service stays', async () => {
    const corrupt = { ...eppArtifactWithWeights('corrupt', 0), ftrl: { settings: { alpha: 1, beta: 1, l1: 0, l2: 0 }, slots: [99_999_999], z: [1], n: [0] } };
    const { status, body } = await server.request('POST', '/v1/models/epp', { auth: 'admin', body: corrupt });
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'KAIROS_INVALID_MODEL', details: [{ field: '/ftrl/slots/0' }] });
    expect((await server.request('GET', '/v1/models/epp', { auth: 'admin' })).body.serving).toBe('uploaded-1');
  });

  it('stores a version inactive on request, rolls back to it, and refuses unknown ids and the write key', async () => {
    expect((await server.request('POST', '/v1/models/epp?activate=false', { auth: 'admin', body: eppArtifactWithWeights('standby', -2) })).status).toBe(201);
    expect((await server.request('GET', '/v1/models/epp', { auth: 'admin' })).body.serving).toBe('uploaded-1');
    const activated = await server.request('POST', '/v1/models/epp/standby/activate', { auth: 'admin' });
    expect(activated).toMatchObject({ status: 200, body: { id: 'standby', active: true } });
    expect(await viewAndRead('after-rollback')).toMatchObject({ purchaseProbabilityModel: 'standby', purchaseProbability: 0.1192 });
    expect((await server.request('POST', '/v1/models/epp/nope/activate', { auth: 'admin' })).status).toBe(404);
    expect((await server.request('GET', '/v1/models/epp', { auth: 'write' })).status).toBe(403);
    expect((await server.request('POST', '/v1/models/epp', { auth: 'admin', body: eppArtifactWithWeights('standby', 0) })).status).toBe(409);
  });
});
