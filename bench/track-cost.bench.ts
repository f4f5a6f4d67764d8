import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpuBudgetMicrosAtHalfBare, loadMeasuringCpu, median, spawnBareServer, spawnKairos, spawnListening, writeResult, type Spawned } from './bench-support.js';
import { trackBody } from './track-body.js';

/**
 * What a tracked event costs the server's core, against what issue 2's target allows it. The target is
 * `POST /v1/track` at ≥ 0.5× the requests/s of a bare Node http server in the same run; a server that
 * saturates its one core then has 1 / (0.5 × bare requests/s) of CPU per request. Measured in the same
 * run, alternating, with the CPU time each server used per request answered (/proc):
 * - the bare server (bare-http-server.ts) and Fastify alone (framework-floor-server.ts: parse, answer);
 * - Kairos (`kairos start`, as users run it);
 * - SQLite alone on the store's schema, on the server's cores (sqlite-commit-cost.bench.ts, commits of
 *   25 events as /v1/track groups them): an event row with its messageId and (profile, time) index
 *   entries, with and without its profile's state saved in the same commit.
 * Fastify plus SQLite is the floor of a durable tracked event before any of Kairos' own work.
 *
 *   npm run build && BENCH_SERVER_CPUS=1 taskset -c 0 npx tsx bench/track-cost.bench.ts [seconds-per-round] [rounds]
 */
const seconds = Number(process.argv[2] ?? 5);
const rounds = Number(process.argv[3] ?? 3);
const connections = 32;

type ServerName = 'bare' | 'framework' | 'kairos';
const servers: Record<ServerName, Spawned> = {
  bare: await spawnBareServer(),
  framework: await spawnListening(['--import', 'tsx', 'bench/framework-floor-server.ts']),
  kairos: await spawnKairos(),
};
const measured: Record<ServerName, Array<{ rps: number; cpuMicros: number }>> = { bare: [], framework: [], kairos: [] };
for (let round = 0; round < rounds; round++) {
  for (const name of ['bare', 'framework', 'kairos'] as const) {
    const result = await loadMeasuringCpu(servers[name], { url: servers[name].url, path: '/v1/track', body: trackBody, connections, seconds });
    measured[name].push({ rps: Math.round(result.requestsPerSecond), cpuMicros: result.cpuMicrosPerRequest });
  }
}
await Promise.all(Object.values(servers).map((server) => server.stop()));

// SQLite's share on the server's own cores, as the server pays it.
const cpus = process.env.BENCH_SERVER_CPUS;
const commitCost = [process.execPath, '--import', 'tsx', 'bench/sqlite-commit-cost.bench.ts'];
execFileSync(cpus ? 'taskset' : commitCost[0]!, cpus ? ['-c', cpus, ...commitCost] : commitCost.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
const store = JSON.parse(readFileSync('bench/results/sqlite-commit-cost.json', 'utf8')) as { results: Array<{ variant: string; eventsPerSecond: number }> };
const storeMicros = (variant: string) => Math.round(1e6 / store.results.find((row) => row.variant === variant)!.eventsPerSecond);

const summary = (name: ServerName) => ({
  requestsPerSecond: median(measured[name].map((round) => round.rps)),
  cpuMicrosPerRequest: median(measured[name].map((round) => round.cpuMicros)),
});
const bare = summary('bare');
const framework = summary('framework');
const kairos = summary('kairos');
const budget = cpuBudgetMicrosAtHalfBare(bare.requestsPerSecond);
const withStateSaved = storeMicros('as stored (rowid profiles, both event indexes)');
const stateWrittenBehind = storeMicros('no profile writes');
const result = {
  secondsPerRound: seconds,
  rounds: measured,
  bare,
  framework,
  kairos,
  kairosVsBare: Math.round((kairos.requestsPerSecond / bare.requestsPerSecond) * 100) / 100,
  cpuMicrosPerEvent: {
    budgetAtTarget: budget,
    sqliteWithProfileStateSaved: withStateSaved,
    sqliteProfileStateWrittenBehind: stateWrittenBehind,
    floorFrameworkPlusSqlite: framework.cpuMicrosPerRequest + stateWrittenBehind,
    leftForKairosLogic: budget - framework.cpuMicrosPerRequest - stateWrittenBehind,
    kairosNow: kairos.cpuMicrosPerRequest,
  },
  target: { trackVsBare: '>= 0.5' },
};
writeResult('track-cost', result);
console.log(JSON.stringify(result, null, 2));
