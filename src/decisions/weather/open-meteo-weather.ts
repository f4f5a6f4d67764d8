import { LRUCache } from 'lru-cache';
import type { Clock } from '../../shared/clock.js';
import { conditionOfWmoCode, type Weather, type WeatherProvider } from './weather.js';

export interface OpenMeteoWeatherOptions {
  /**
   * The forecast URL with `{latitude}` and `{longitude}` in it, answering Open-Meteo's shape
   * (`current_weather: { temperature, weathercode, time }`), e.g.
   * `https://api.open-meteo.com/v1/forecast?latitude={latitude}&longitude={longitude}&current_weather=true`.
   */
  urlTemplate: string;
  clock: Clock;
  /** How long a reading is fresh; older ones are still served (up to `maxAgeMs`) while a refresh runs. */
  freshMs?: number;
  maxAgeMs?: number;
  timeoutMs?: number;
  onError?: (message: string) => void;
}

interface Reading {
  weather: Weather;
  fetchedAt: number;
}

/** Places are rounded to a tenth of a degree (~11 km): one reading serves a town. */
const GRID = 10;

/**
 * Weather over HTTP from an Open-Meteo-compatible endpoint, cached per ~11 km cell. Lookups are
 * synchronous and never wait: a missing or stale cell starts one background fetch.
 */
export class OpenMeteoWeather implements WeatherProvider {
  private readonly readings = new LRUCache<string, Reading>({ max: 50_000 });
  private readonly inFlight = new Set<string>();
  private readonly freshMs: number;
  private readonly maxAgeMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: OpenMeteoWeatherOptions) {
    this.freshMs = options.freshMs ?? 10 * 60_000;
    this.maxAgeMs = options.maxAgeMs ?? 60 * 60_000;
    this.timeoutMs = options.timeoutMs ?? 2000;
  }

  current(latitude: number, longitude: number): Weather | undefined {
    const cell = [Math.round(latitude * GRID) / GRID, Math.round(longitude * GRID) / GRID] as const;
    const key = `${cell[0]},${cell[1]}`;
    const reading = this.readings.get(key);
    const age = reading ? this.options.clock.now() - reading.fetchedAt : Number.POSITIVE_INFINITY;
    if (age >= this.freshMs) void this.refresh(key, cell[0], cell[1]);
    return age < this.maxAgeMs ? reading?.weather : undefined;
  }

  /** Resolves when every background fetch started so far has ended (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private async refresh(key: string, latitude: number, longitude: number): Promise<void> {
    if (this.inFlight.has(key)) return;
    this.inFlight.add(key);
    try {
      const url = this.options.urlTemplate.replace('{latitude}', String(latitude)).replace('{longitude}', String(longitude));
      const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const weather = parseCurrentWeather(await response.json());
      if (!weather) throw new Error('the answer has no current_weather with a temperature and a known weathercode');
      this.readings.set(key, { weather, fetchedAt: this.options.clock.now() });
    } catch (error) {
      this.options.onError?.(`weather for ${key}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.inFlight.delete(key);
    }
  }
}

function parseCurrentWeather(body: unknown): Weather | undefined {
  const current = (body as { current_weather?: { temperature?: unknown; weathercode?: unknown; time?: unknown } } | null)?.current_weather;
  if (typeof current?.temperature !== 'number' || !Number.isFinite(current.temperature) || typeof current.weathercode !== 'number') return undefined;
  const condition = conditionOfWmoCode(current.weathercode);
  if (condition === undefined) return undefined;
  const weather: Weather = { temperatureC: current.temperature, condition, code: current.weathercode };
  if (typeof current.time === 'string') weather.observedAt = current.time;
  return weather;
}
