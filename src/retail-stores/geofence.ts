import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import distance from '@turf/distance';
import { point, polygon } from '@turf/helpers';
import type { RetailStore } from './retail-store.js';

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** Whether a position lies in the store's geofence: within the circle's radius, or inside the polygon. */
export function insideGeofence(store: Pick<RetailStore, 'location' | 'geofence'>, position: Coordinates): boolean {
  const here = point([position.longitude, position.latitude]);
  if (store.geofence.type === 'circle') {
    return distance(point([store.location.longitude, store.location.latitude]), here, { units: 'meters' }) <= store.geofence.radiusMeters;
  }
  const ring = store.geofence.points.map((corner) => [corner.longitude, corner.latitude]);
  ring.push(ring[0]!);
  return booleanPointInPolygon(here, polygon([ring]));
}

/** Whether a joined Wi-Fi network is one of the store's: the BSSID (an access point) wins, else the SSID. */
export function isStoreNetwork(store: Pick<RetailStore, 'wifi'>, network: { ssid?: string; bssid?: string }): boolean {
  const bssid = network.bssid?.toLowerCase();
  return (store.wifi ?? []).some((known) => (known.bssid !== undefined && bssid !== undefined ? known.bssid.toLowerCase() === bssid : known.ssid !== undefined && known.ssid === network.ssid));
}
