import Fastify from 'fastify';

/**
 * The framework's floor for the HTTP benchmarks: the same Fastify (and Node) Kairos runs on, one
 * route per path that parses the JSON body and answers as Segment does, with nothing of Kairos (no
 * auth, validation, identity, profile or store). What it costs a request over the bare server
 * (bare-http-server.ts) is spent before any of Kairos' own work begins (track-ceiling.bench.ts).
 */
const app = Fastify({ logger: false });
const answer = async () => ({ success: true });
for (const path of ['/v1/track', '/v1/batch', '/v1/decide']) app.post(path, answer);
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ msg: 'Kairos is listening', url })}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
