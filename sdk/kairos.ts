import { createKairos, type KairosClient, type KairosOptions } from './client.js';

export { createKairos };
export type { KairosClient, KairosOptions };
export type { DecideContext } from './decide-client.js';
export type { Intervention, InterventionSource } from './intervention.js';
export type { Properties } from './messages.js';

let instance: KairosClient | undefined;

/**
 * The page's one Kairos client, for the usual snippet; calls before init are ignored. Use
 * createKairos for more than one.
 *
 * @example
 * import { Kairos } from 'https://kairos.example.com/sdk/kairos.js';
 * Kairos.init({ writeKey: 'wk_…', host: 'https://kairos.example.com', autoPage: true });
 * Kairos.track('Product Added', { product_id: 'sku-1' });
 */
export const Kairos = {
  /** Creates the client on the first call; later calls return the same one. */
  init: (options: KairosOptions): KairosClient => (instance ??= createKairos(options)),
  page: (...args: Parameters<KairosClient['page']>) => instance?.page(...args),
  track: (...args: Parameters<KairosClient['track']>) => instance?.track(...args),
  identify: (...args: Parameters<KairosClient['identify']>) => instance?.identify(...args),
  decide: (...args: Parameters<KairosClient['decide']>) => instance?.decide(...args) ?? Promise.resolve([]),
};
