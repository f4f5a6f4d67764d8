import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpReceiver } from '../src/test-support/http-receiver.js';
import { ADMIN_KEY, WRITE_AUTH, spawnKairos, writeResult } from './bench-support.js';
import { pacedLoad } from './paced-load.js';

/**
 * Event in → triggered intervention in the outbox (issue 3: p99 < 20 ms). A server with an event-
 * triggered campaign takes a steady background of product views (paced at `rate` requests/s over 20k
 * shoppers: autocannon's rate comes in bursts at the top of each second) while orders arrive one by
 * one, `ordersPerSecond`, each from a new customer. Orders and background views of the first
 * WARM_UP_SECONDS are sent but not measured: a freshly started server first compiles its hot paths,
 * the trigger's and the outbox's among them. For each order, the latency is from just before the
 * client sends it to the outbox row's `createdAt` (one machine, one clock): HTTP, validation, the
 * group commit, the trigger listener, the decision and the outbox insert. The webhook it then sends
 * goes to a local receiver.
 *
 *   npm run build && node --import tsx bench/trigger-latency.bench.ts [seconds] [background-rate] [orders-per-second]
 */
const seconds = Number(process.argv[2] ?? 20);
const rate = Number(process.argv[3] ?? 1000);
const ordersPerSecond = Number(process.argv[4] ?? 50);
const dataDir = mkdtempSync(join(tmpdir(), 'kairos-trigger-bench-'));
const receiver = await startHttpReceiver(() => 200);
// Quiet hours off: the buyers have no time zone, so between 21:00 and 08:00 UTC every push would be held.
const server = await spawnKairos(dataDir, { KAIROS_WEBHOOK_URL: `${receiver.url}/hook`, KAIROS_WEBHOOK_SECRET: 'bench-webhook-secret-0001', KAIROS_QUIET_HOURS: 'off' });
const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };

const created = await fetch(`${server.url}/v1/campaigns`, {
  method: 'POST',
  headers: admin,
  body: JSON.stringify({
    name: 'Thank you for your order',
    status: 'active',
    trigger: { type: 'event', when: { path: 'event.name', eq: 'Order Completed' } },
    variants: [{ id: 'thanks', kind: 'custom', channel: 'webhook', content: { body: 'Thanks for order {{ event.properties.order_id }}' } }],
  }),
});
if (created.status !== 201) throw new Error(`campaign refused: ${await created.text()}`);

const WARM_UP_SECONDS = 5;
let views = 0;
const backgroundFor = (backgroundSeconds: number) =>
  pacedLoad({
    url: server.url,
    path: '/v1/track',
    connections: 16,
    seconds: backgroundSeconds,
    rate,
    body: () => JSON.stringify({ anonymousId: `viewer-${views % 20_000}`, messageId: `view-${++views}`, event: 'Product Viewed', properties: { product_id: `sku-${views % 500}` } }),
  });
// The background's own figure, like the orders', leaves out the warm-up: its first seconds' tail is
// the fresh server compiling its paths, and it was most of the p99 reported.
const background = backgroundFor(WARM_UP_SECONDS).then(() => backgroundFor(seconds));

const sentAt = new Map<string, number>();
const ackedAt = new Map<string, number>();
const orders: Promise<void>[] = [];
const started = Date.now();
for (let i = 0; Date.now() - started < (WARM_UP_SECONDS + seconds - 1) * 1000; i++) {
  const messageId = `order-${i}`;
  if (Date.now() - started >= WARM_UP_SECONDS * 1000) sentAt.set(messageId, Date.now());
  orders.push(
    fetch(`${server.url}/v1/track`, {
      method: 'POST',
      headers: { authorization: WRITE_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: `buyer-${i}`, messageId, event: 'Order Completed', properties: { order_id: `o-${i}`, total: 50 } }),
    }).then(async (response) => {
      if (response.status !== 200) throw new Error(`order ${i} refused: ${response.status}`);
      await response.arrayBuffer();
      ackedAt.set(messageId, Date.now());
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000 / ordersPerSecond));
}
await Promise.all(orders);
const backgroundResult = await background;
await new Promise((resolve) => setTimeout(resolve, 1000));

const latencies: number[] = [];
/** From the 2xx reaching the client to the outbox row: the trigger path alone (can be < 0: the row may be written before the answer arrives). */
const afterAck: number[] = [];
let cursor: string | undefined;
do {
  const page = (await (await fetch(`${server.url}/v1/outbox?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: admin })).json()) as {
    messages: Array<{ idempotencyKey: string; createdAt: string; status: string }>;
    next?: string;
  };
  for (const message of page.messages) {
    const source = /(order-\d+)$/.exec(message.idempotencyKey)?.[1];
    const sent = source === undefined ? undefined : sentAt.get(source);
    if (sent === undefined) continue;
    latencies.push(Date.parse(message.createdAt) - sent);
    afterAck.push(Date.parse(message.createdAt) - ackedAt.get(source!)!);
  }
  cursor = page.next ?? undefined;
} while (cursor);
await server.stop();
await receiver.close();
rmSync(dataDir, { recursive: true, force: true });

const ackLatencies = [...sentAt].map(([messageId, sent]) => ackedAt.get(messageId)! - sent);
const percentile = (values: number[], share: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * share))]!;
const summary = (values: number[]) => ({ p50: percentile(values, 0.5), p99: percentile(values, 0.99), max: Math.max(...values) });
const result = {
  orders: sentAt.size,
  inOutbox: latencies.length,
  webhooksReceived: receiver.requests.length,
  eventToOutboxMs: summary(latencies),
  /** The order's own request: sent → 2xx (validation, group commit with the background). */
  orderAckMs: summary(ackLatencies),
  ackToOutboxMs: summary(afterAck),
  background: { requestedRate: rate, achievedRequestsPerSecond: Math.round(backgroundResult.requestsPerSecond), p99Ms: backgroundResult.p99Ms, non2xx: backgroundResult.non2xx },
};
console.log(JSON.stringify(result, null, 2));
writeResult('trigger-latency', result);
if (latencies.length !== sentAt.size) process.exitCode = 1;
