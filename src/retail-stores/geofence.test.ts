import { describe, expect, it } from 'vitest';
import { insideGeofence, isStoreNetwork } from './geofence.js';

// Amsterdam Kalverstraat, roughly: one degree of latitude is ~111 km, so 0.0005° is ~55 m.
const location = { latitude: 52.3700, longitude: 4.8900 };

describe('insideGeofence', () => {
  it('counts a position within the circle’s radius (great-circle distance) as inside', () => {
    const store = { location, geofence: { type: 'circle' as const, radiusMeters: 80 } };
    expect(insideGeofence(store, { latitude: 52.3705, longitude: 4.8900 })).toBe(true); // ~56 m north
    expect(insideGeofence(store, { latitude: 52.3710, longitude: 4.8900 })).toBe(false); // ~111 m north
    expect(insideGeofence(store, location)).toBe(true);
  });

  it('counts a position inside the polygon as inside, and one beside it as outside', () => {
    const store = {
      location,
      geofence: {
        type: 'polygon' as const,
        points: [
          { latitude: 52.3695, longitude: 4.8895 },
          { latitude: 52.3705, longitude: 4.8895 },
          { latitude: 52.3705, longitude: 4.8905 },
          { latitude: 52.3695, longitude: 4.8905 },
        ],
      },
    };
    expect(insideGeofence(store, location)).toBe(true);
    expect(insideGeofence(store, { latitude: 52.3700, longitude: 4.8910 })).toBe(false);
  });
});

describe('isStoreNetwork', () => {
  const store = { wifi: [{ ssid: 'Shop-Guest' }, { bssid: 'AA:BB:CC:00:11:22' }] };
  it('matches a BSSID whatever its case, else the SSID', () => {
    expect(isStoreNetwork(store, { bssid: 'aa:bb:cc:00:11:22' })).toBe(true);
    expect(isStoreNetwork(store, { ssid: 'Shop-Guest' })).toBe(true);
    expect(isStoreNetwork(store, { ssid: 'Cafe-Next-Door' })).toBe(false);
    expect(isStoreNetwork({}, { ssid: 'Shop-Guest' })).toBe(false);
  });
});
