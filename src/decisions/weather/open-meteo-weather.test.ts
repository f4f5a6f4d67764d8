import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.js';
import { OpenMeteoWeather } from './open-meteo-weather.js';
import { conditionOfWmoCode } from './weather.js';

/** A local stand-in for api.open-meteo.com: answers what the test sets, and counts the calls. */
let server: Server;
let baseUrl = '';
let answer: { status: number; body: unknown; delayMs?: number } = { status: 200, body: {} };
const calls: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    calls.push(request.url ?? '');
    setTimeout(() => {
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('OpenMeteoWeather', () => {
  const clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));
  let errors: string[];
  let weather: OpenMeteoWeather;
  beforeEach(() => {
    calls.length = 0;
    errors = [];
    answer = { status: 200, body: { current_weather: { temperature: 7.5, weathercode: 63, time: '2026-11-23T10:00' } } };
    weather = new OpenMeteoWeather({
      urlTemplate: `${baseUrl}/v1/forecast?latitude={latitude}&longitude={longitude}&current_weather=true`,
      clock,
      // Generous for a loaded CI machine; the timeout case below waits three times longer.
      timeoutMs: 1000,
      onError: (message) => errors.push(message),
    });
  });

  it('never waits: the first lookup starts a fetch and answers nothing; the next one has the weather', async () => {
    expect(weather.current(52.3702, 4.8952)).toBeUndefined();
    await weather.settled();
    expect(weather.current(52.3702, 4.8952)).toEqual({ temperatureC: 7.5, condition: 'rain', code: 63, observedAt: '2026-11-23T10:00' });
    expect(calls).toEqual(['/v1/forecast?latitude=52.4&longitude=4.9&current_weather=true']);
  });

  it('serves one reading to a whole ~11 km cell, refreshes it when stale, and serves the stale one meanwhile', async () => {
    weather.current(52.37, 4.89);
    await weather.settled();
    weather.current(52.41, 4.92); // same cell
    expect(calls).toHaveLength(1);
    clock.advance(11 * 60_000);
    answer = { status: 200, body: { current_weather: { temperature: 9, weathercode: 0 } } };
    expect(weather.current(52.37, 4.89)?.condition).toBe('rain');
    await weather.settled();
    expect(weather.current(52.37, 4.89)).toEqual({ temperatureC: 9, condition: 'clear', code: 0 });
    clock.advance(61 * 60_000);
    answer = { status: 503, body: {} };
    expect(weather.current(52.37, 4.89)).toBeUndefined(); // too old to trust
    await weather.settled();
  });

  it('reports failures and answers nothing: an error status, an answer without weather, a timeout', async () => {
    answer = { status: 500, body: {} };
    weather.current(1, 1);
    await weather.settled();
    answer = { status: 200, body: { hourly: {} } };
    weather.current(2, 2);
    await weather.settled();
    answer = { status: 200, body: { current_weather: { temperature: 1, weathercode: 0 } }, delayMs: 3000 };
    weather.current(3, 3);
    await weather.settled();
    expect([weather.current(1, 1), weather.current(2, 2), weather.current(3, 3)]).toEqual([undefined, undefined, undefined]);
    await weather.settled();
    expect(errors[0]).toMatch(/1,1: HTTP 500/);
    expect(errors[1]).toMatch(/no current_weather/);
    expect(errors[2]).toMatch(/3,3: .*(timeout|aborted)/i);
  });

  it('reads WMO codes', () => {
    expect([0, 3, 45, 53, 65, 81, 75, 95, 42].map(conditionOfWmoCode)).toEqual(['clear', 'cloudy', 'fog', 'drizzle', 'rain', 'showers', 'snow', 'thunderstorm', undefined]);
  });
});
