import { batchTransport } from './batch-transport.js';
import { readBrowserEnvironment } from './browser-environment.js';
import { requestDecision, type DecideContext } from './decide-client.js';
import { EventQueue } from './event-queue.js';
import { browserStore, IdentityStore } from './identity-store.js';
import { randomId } from './ids.js';
import { interventionProperties, readIntervention, readSource, type Intervention, type InterventionSource } from './intervention.js';
import { buildMessage, type Call, type Properties } from './messages.js';
import { onPageLeave, startHeartbeat, watchExitIntent } from './page-activity.js';
import { InterventionRenderer } from './renderer.js';
import { openInterventionStream, streamUrl } from './stream-client.js';

export interface KairosOptions {
  /** The source's write key. It is public by design, as Segment's are: it can only send events and ask for decisions. */
  writeKey: string;
  /** Where Kairos answers, e.g. `https://kairos.example.com`; by default the origin the SDK was loaded from. */
  host?: string;
  /** Seconds between Heartbeat events while the page is visible (dwell time); 15 by default. */
  heartbeatSeconds?: number;
  /** Send a page() call at init. */
  autoPage?: boolean;
  /**
   * Called for every intervention to show, from the stream or decide(). Return false to show it
   * yourself; the SDK then renders nothing and reports nothing for it.
   */
  onIntervention?: (intervention: Intervention, source: InterventionSource) => boolean | void;
}

export interface KairosClient {
  /** Records a page view; `properties.productId` marks a product page (its Heartbeats carry the product). */
  page(name?: string, properties?: Properties): void;
  track(event: string, properties?: Properties): void;
  /** Ties this browser to a known customer; the userId is kept for the next visits. */
  identify(userId: string, traits?: Properties): void;
  /** Asks what `placement` should show now, shows it and resolves to it; `[]` when nothing (or on any failure). */
  decide(placement: string, context?: DecideContext): Promise<Intervention[]>;
  /** Sends the queued events now. */
  flush(): Promise<void>;
  /** The browser's anonymousId, and the userId once identified. */
  identity(): { anonymousId: string; userId?: string };
}

type Delivery = 'batched' | 'now' | 'beacon';

/**
 * A Kairos client for this page.
 *
 * @example
 * const kairos = createKairos({ writeKey: 'wk_…', host: 'https://kairos.example.com' });
 * kairos.page('Product', { productId: 'sku-1' });
 * kairos.track('Product Added', { product_id: 'sku-1', price: 20 });
 * await kairos.decide('product-page', { product: { id: 'sku-1' } });
 */
export function createKairos(options: KairosOptions): KairosClient {
  const { writeKey, onIntervention } = options;
  const host = (options.host ?? new URL(import.meta.url).origin).replace(/\/+$/, '');
  const identities = new IdentityStore(browserStore());
  const renderer = new InterventionRenderer();
  let pageProductId: string | undefined;
  let closeStream: (() => void) | undefined;

  const openStream = () => {
    closeStream?.();
    closeStream = openInterventionStream(streamUrl(host, writeKey, identities.current()), (data) => {
      const intervention = readIntervention(data);
      if (intervention) present(intervention, readSource(data));
    });
  };
  // The stream opens once the server has accepted a first batch, so the shopper's profile exists to receive pushes.
  const queue = new EventQueue({
    transport: batchTransport(host),
    writeKey,
    onSent: () => {
      if (closeStream === undefined) openStream();
    },
  });

  const send = (call: Call, delivery: Delivery = 'batched') => {
    queue.enqueue(buildMessage(call, identities.current(), readBrowserEnvironment(), new Date(), randomId()));
    if (delivery === 'now') void queue.flush();
    // A click on a CTA navigates away at once: only a beacon is sure to leave before the page does.
    if (delivery === 'beacon') queue.flushByBeacon();
  };
  const track = (event: string, properties: Properties = {}, delivery?: Delivery) => send({ type: 'track', event, properties }, delivery);

  const present = (intervention: Intervention, source: InterventionSource, placement?: string) => {
    if (onIntervention?.(intervention, source) === false) return;
    const properties = interventionProperties(intervention, source);
    renderer.show(
      intervention,
      { onClick: () => track('Intervention Clicked', properties, 'beacon'), onDismiss: () => track('Intervention Dismissed', properties, 'now') },
      placement,
    );
    track('Intervention Viewed', properties, 'now');
  };

  const exitIntent = watchExitIntent(() => track('Exit Intent', { path: location.pathname }, 'now'));
  startHeartbeat(options.heartbeatSeconds ?? 15, () =>
    track('Heartbeat', { path: location.pathname, ...(pageProductId === undefined ? {} : { product_id: pageProductId }) }),
  );
  onPageLeave(() => queue.flushByBeacon());

  const client: KairosClient = {
    page(name, properties = {}) {
      const productId = properties.productId ?? properties.product_id;
      pageProductId = typeof productId === 'string' || typeof productId === 'number' ? String(productId) : undefined;
      exitIntent.rearm();
      send(name === undefined ? { type: 'page', properties } : { type: 'page', name, properties });
    },
    track: (event, properties) => track(event, properties),
    identify(userId, traits = {}) {
      identities.identify(userId);
      send({ type: 'identify', traits });
      if (closeStream) openStream(); // pushes addressed to the customer now reach this page too
    },
    async decide(placement, context = {}) {
      // Events still queued would be missing from the profile the decision reads.
      await queue.flush();
      const decision = await requestDecision(host, writeKey, identities.current(), placement, context);
      for (const intervention of decision.interventions) present(intervention, { decisionId: decision.decisionId }, placement);
      return decision.interventions;
    },
    flush: () => queue.flush(),
    identity: () => identities.current(),
  };
  if (options.autoPage) client.page();
  return neverThrowing(client);
}

/** The host page must never break because of the SDK: failures become a console warning (and `[]` for decide). */
function neverThrowing(client: KairosClient): KairosClient {
  const warn = (error: unknown) => console.warn('kairos:', error);
  return {
    page: (...args) => guard(() => client.page(...args)),
    track: (...args) => guard(() => client.track(...args)),
    identify: (...args) => guard(() => client.identify(...args)),
    decide: (...args) => client.decide(...args).catch((error: unknown) => (warn(error), [])),
    flush: () => client.flush().catch(warn),
    identity: () => client.identity(),
  };
  function guard(call: () => void): void {
    try {
      call();
    } catch (error) {
      warn(error);
    }
  }
}
