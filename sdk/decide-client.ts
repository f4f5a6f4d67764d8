import { readIntervention, type Intervention } from './intervention.js';
import type { Identity } from './messages.js';

export interface DecideContext {
  page?: { path?: string; url?: string; title?: string };
  product?: { id: string };
  cart?: { value?: number; items?: number; currency?: string };
  location?: { latitude: number; longitude: number };
  device?: { type?: string };
  timezone?: string;
}

export interface Decision {
  decisionId: string;
  interventions: Intervention[];
}

/**
 * POST /v1/decide with the write key as the Basic user name, as Segment's libraries authenticate.
 * Throws on a network failure or an answer that is not a decision; the client turns that into "nothing to show".
 */
export async function requestDecision(host: string, writeKey: string, identity: Identity, placement: string, context: DecideContext): Promise<Decision> {
  const response = await fetch(`${host}/v1/decide`, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa(`${writeKey}:`)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...identity, placement, channel: 'web', context }),
  });
  if (!response.ok) throw new Error(`POST /v1/decide answered ${response.status}`);
  const answer = (await response.json()) as { decisionId?: unknown; interventions?: unknown };
  if (typeof answer.decisionId !== 'string' || !Array.isArray(answer.interventions)) throw new Error('POST /v1/decide answered something that is not a decision');
  return {
    decisionId: answer.decisionId,
    interventions: answer.interventions.map(readIntervention).filter((intervention) => intervention !== undefined),
  };
}
