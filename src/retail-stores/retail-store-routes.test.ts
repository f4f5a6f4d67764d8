import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const store = {
  name: 'Amsterdam Kalverstraat',
  location: { latitude: 52.37, longitude: 4.89 },
  geofence: { type: 'circle', radiusMeters: 80 },
  wifi: [{ ssid: 'Kairos-Guest' }, { bssid: 'aa:bb:cc:00:11:22' }],
  timeZone: 'Europe/Amsterdam',
  openingHours: { mon: ['09:00-21:00'], sun: ['12:00-18:00'] },
  pickupPoint: 'the Customer Service Desk',
};

describe('stores over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('creates (201), replaces (200), shows, lists and deletes a store with the admin key', async () => {
    const created = await server.request('PUT', '/v1/stores/ams-01', { auth: 'admin', body: store });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'ams-01', ...store });
    expect((await server.request('PUT', '/v1/stores/ams-01', { auth: 'admin', body: { ...store, name: 'Kalverstraat' } })).status).toBe(200);
    expect((await server.request('GET', '/v1/stores/ams-01', { auth: 'admin' })).body.name).toBe('Kalverstraat');
    expect((await server.request('GET', '/v1/stores', { auth: 'admin' })).body.stores.map((found: { id: string }) => found.id)).toEqual(['ams-01']);
    expect((await server.request('DELETE', '/v1/stores/ams-01', { auth: 'admin' })).status).toBe(204);
    const missing = await server.request('GET', '/v1/stores/ams-01', { auth: 'admin' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('KAIROS_STORE_NOT_FOUND');
  });

  it('refuses a bad store naming the field, and keeps the stored one', async () => {
    await server.request('PUT', '/v1/stores/utr-02', { auth: 'admin', body: store });
    const cases: Array<[unknown, string]> = [
      [{ ...store, geofence: { type: 'polygon', points: [{ latitude: 1, longitude: 1 }] } }, 'geofence.points'],
      [{ ...store, geofence: { type: 'circle' } }, 'geofence.radiusMeters'],
      [{ ...store, location: { latitude: 95, longitude: 4 } }, 'location.latitude'],
      [{ ...store, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...store, openingHours: { mon: ['9-21'] } }, 'openingHours.mon.0'],
      [{ ...store, openingHours: { mon: ['09:00-09:00'] } }, 'openingHours.mon.0'],
      [{ ...store, wifi: [{}] }, 'wifi.0'],
      [{ ...store, wifi: [{ bssid: 'not-a-mac' }] }, 'wifi.0.bssid'],
      [{ ...store, colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const response = await server.request('PUT', '/v1/stores/utr-02', { auth: 'admin', body });
      expect(response.status, field).toBe(400);
      expect(response.body.error.details[0].field, JSON.stringify(response.body)).toBe(field);
    }
    expect((await server.request('GET', '/v1/stores/utr-02', { auth: 'admin' })).body.name).toBe(store.name);
  });

  it('is an admin route', async () => {
    expect((await server.request('GET', '/v1/stores', { auth: 'write' })).status).toBe(403);
  });
});
