import Fastify from 'fastify';
import { join } from 'node:path';

/**
 * The floor of a decision over HTTP (decide.bench.ts): the same Fastify, then the one thing every
 * decision must do whatever the campaigns, find the shopper's profile among the store's million: the
 * identifier's lookup, the state's read and decode, by Kairos' own adapters over a read-only
 * connection to the prepared store, prewarmed as the server is. It judges no campaign, renders
 * nothing and records nothing; what it costs a request is spent before any of that begins.
 *
 *   node --import tsx bench/decision-floor-server.ts DATA_DIR   (after `npm run build`)
 */
const BUILT = '../dist/';
const { openDatabase } = (await import(`${BUILT}storage/sqlite/open-database.js`)) as typeof import('../src/storage/sqlite/open-database.js');
const { prewarmStore } = (await import(`${BUILT}storage/sqlite/store-prewarm.js`)) as typeof import('../src/storage/sqlite/store-prewarm.js');
const { SqliteIdentityStore } = (await import(`${BUILT}identity/sqlite-identity-store.js`)) as typeof import('../src/identity/sqlite-identity-store.js');
const { SqliteProfileStore } = (await import(`${BUILT}profiles/sqlite-profile-store.js`)) as typeof import('../src/profiles/sqlite-profile-store.js');

const db = openDatabase({ path: join(process.argv[2]!, 'kairos.db'), readonly: true });
await prewarmStore(db);
const identities = new SqliteIdentityStore(db);
const profiles = new SqliteProfileStore(db);
const app = Fastify({ logger: false });
app.post<{ Body: { anonymousId: string } }>('/v1/decide', async (request) => {
  const profileId = await identities.profileIdOf({ type: 'anonymousId', value: request.body.anonymousId });
  const state = profileId === undefined ? undefined : (await profiles.load([profileId])).get(profileId);
  return { decisionId: 'floor', profileId: state?.id ?? null, interventions: [], heldOut: [] };
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ msg: 'Kairos is listening', url })}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
