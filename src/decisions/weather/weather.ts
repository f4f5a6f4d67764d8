/** The weather where the shopper is, as decisions and templates see it (`context.weather`). */
export interface Weather {
  temperatureC: number;
  condition: WeatherCondition;
  /** The WMO weather interpretation code the condition was read from. */
  code: number;
  /** The provider's time of the reading, when it gives one. */
  observedAt?: string;
}

export type WeatherCondition = 'clear' | 'cloudy' | 'fog' | 'drizzle' | 'rain' | 'snow' | 'showers' | 'thunderstorm';

/**
 * Where decisions get the weather. `current` never waits on the network: it answers from what it
 * holds (or undefined) and refreshes in the background, so a slow or broken provider costs a decision
 * nothing but the weather facts.
 */
export interface WeatherProvider {
  current(latitude: number, longitude: number): Weather | undefined;
}

/** WMO weather interpretation codes (as Open-Meteo and most providers report them) → a condition. */
export function conditionOfWmoCode(code: number): WeatherCondition | undefined {
  if (code === 0 || code === 1) return 'clear';
  if (code === 2 || code === 3) return 'cloudy';
  if (code === 45 || code === 48) return 'fog';
  if (code >= 51 && code <= 57) return 'drizzle';
  if ((code >= 61 && code <= 67) || code === 80 || code === 81 || code === 82) return code >= 80 ? 'showers' : 'rain';
  if ((code >= 71 && code <= 77) || code === 85 || code === 86) return 'snow';
  if (code >= 95 && code <= 99) return 'thunderstorm';
  return undefined;
}
