import type { Interaction } from '../interaction.js';
import type { EvaluationQuery, EvaluationSplit } from './recs-evaluation.js';

/** Context products a hold-out query carries: the shopper's latest distinct items before the target. */
export const HOLDOUT_CONTEXT_ITEMS = 10;

/**
 * The item-to-item protocol (viewed / bought together): each shopper's last purchased or carted item
 * is held out; the strategies learn from every interaction except the held-out ones and what each
 * shopper did after theirs, and are asked with the shopper's items before it — the latest
 * `HOLDOUT_CONTEXT_ITEMS` distinct ones as `products`, the session's clicks as `sessionItems`, the
 * session's earlier cart adds as `cart`. Shoppers with nothing before the target, or whose target
 * never occurs in training, give no query. Throws a RangeError when no shopper gives one.
 */
export function holdoutSplit(dataset: string, interactions: readonly Interaction[]): EvaluationSplit {
  const heldOut = new Map<string, number>();
  interactions.forEach((interaction, position) => {
    if (interaction.kind !== 'view') heldOut.set(interaction.profileId, position);
  });
  const training = interactions.filter((interaction, position) => position < heldOut.get(interaction.profileId)! || !heldOut.has(interaction.profileId));
  const known = new Set(training.map((interaction) => interaction.itemId));
  const before = new Map<string, Interaction[]>();
  for (const interaction of training) {
    if (!heldOut.has(interaction.profileId)) continue;
    const list = before.get(interaction.profileId) ?? [];
    list.push(interaction);
    before.set(interaction.profileId, list);
  }
  const queries: EvaluationQuery[] = [];
  for (const [profileId, position] of heldOut) {
    const target = interactions[position]!;
    const history = before.get(profileId) ?? [];
    if (history.length === 0 || !known.has(target.itemId)) continue;
    const session = history.filter((interaction) => interaction.sessionId === target.sessionId && interaction.kind !== 'purchase');
    queries.push({
      context: {
        now: target.at,
        products: [...new Set(history.map((interaction) => interaction.itemId).reverse())].slice(0, HOLDOUT_CONTEXT_ITEMS).reverse(),
        cart: [...new Set(session.filter((interaction) => interaction.kind === 'cart_add').map((interaction) => interaction.itemId))],
        sessionItems: session.map((interaction) => interaction.itemId),
      },
      target: target.itemId,
    });
  }
  if (queries.length === 0) throw new RangeError('has no shopper with a purchase or cart add after other interactions, on an item seen in training');
  return {
    dataset,
    split: `hold-out: each shopper's last purchased or carted item (${queries.length.toLocaleString('en-US')} shoppers), asked with their items before it`,
    training,
    queries,
  };
}
