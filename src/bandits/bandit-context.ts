import type { Features } from './probit-posterior.js';
import { BIAS_FEATURE } from './probit-posterior.js';

/**
 * The facts about a decision the bandit reads, logged on every delivery (`properties.context`) so a
 * policy can be evaluated later on the contexts it would have seen. Unknown facts are absent.
 */
export interface BanditContext {
  /** `session.purchaseProbability`: the session's chance of a purchase (the band is over it). */
  purchaseProbability?: number;
  cartValue?: number;
  firstVisit?: boolean;
  /** The customer has ordered before. */
  returningBuyer?: boolean;
  channel?: string;
  device?: string;
  /** Hour of the shopper's local day, 0–23. */
  hour?: number;
  weekend?: boolean;
}

export interface PropensityBand {
  min: number;
  max: number;
}

/** The bandit's facts out of a decision's values (the names conditions use: `session.*`, `cart.*`, …). */
export function banditContext(values: Record<string, unknown>): BanditContext {
  const session = values.session as { purchaseProbability?: number; firstVisit?: boolean; deviceType?: string } | undefined;
  const lifetime = values.lifetime as { frequency?: number } | undefined;
  const context = values.context as { channel?: string; device?: { type?: string }; localTime?: { hour: number; weekday: string } } | undefined;
  const cart = values.cart as { value?: number } | undefined;
  const facts: BanditContext = {};
  if (session?.purchaseProbability !== undefined) facts.purchaseProbability = session.purchaseProbability;
  if (cart?.value !== undefined) facts.cartValue = cart.value;
  if (session?.firstVisit !== undefined) facts.firstVisit = session.firstVisit;
  if (lifetime?.frequency !== undefined) facts.returningBuyer = lifetime.frequency > 0;
  if (context?.channel !== undefined) facts.channel = context.channel;
  const device = context?.device?.type ?? session?.deviceType;
  if (device !== undefined) facts.device = device;
  if (context?.localTime !== undefined) {
    facts.hour = context.localTime.hour;
    facts.weekend = context.localTime.weekday === 'Saturday' || context.localTime.weekday === 'Sunday';
  }
  return facts;
}

/** Whether the bandit chooses here: the session's purchase probability is known and inside the band. */
export function inBand(band: PropensityBand, context: BanditContext): boolean {
  const probability = context.purchaseProbability;
  return probability !== undefined && probability >= band.min && probability <= band.max;
}

const MOBILE_DEVICE = /mobile|phone|tablet|ios|android/i;

/**
 * The model's features: indicators plus the purchase probability itself. Few on purpose — each is a
 * weight per variant to learn, and a campaign sees thousands of deliveries, not millions.
 */
export function contextFeatures(context: BanditContext): Features {
  const features: Record<string, number> = { [BIAS_FEATURE]: 1 };
  if (context.purchaseProbability !== undefined) features.purchaseProbability = context.purchaseProbability;
  if (context.firstVisit === true) features.firstVisit = 1;
  if (context.returningBuyer === true) features.returningBuyer = 1;
  if ((context.cartValue ?? 0) > 0) features.cart = 1;
  if (context.device !== undefined && MOBILE_DEVICE.test(context.device)) features.mobile = 1;
  if (context.channel !== undefined && context.channel !== 'web') features[`channel:${context.channel}`] = 1;
  if (context.hour !== undefined && context.hour >= 18) features.evening = 1;
  if (context.weekend === true) features.weekend = 1;
  return features;
}

const PROBABILITY_EDGES = [0.1, 0.25, 0.5];

/**
 * A coarse bucket of contexts for the direct model of doubly robust evaluation: the purchase
 * probability in four ranges × first visit × cart, sixteen cells per variant at most.
 */
export function contextBucket(context: BanditContext): string {
  const probability = context.purchaseProbability;
  const range = probability === undefined ? 'p?' : `p${PROBABILITY_EDGES.filter((edge) => probability >= edge).length}`;
  return `${range}|${context.firstVisit === true ? 'first' : 'seen'}|${(context.cartValue ?? 0) > 0 ? 'cart' : 'nocart'}`;
}
