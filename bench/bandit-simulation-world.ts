import type { BanditContext } from '../src/bandits/bandit-context.js';
import { csvRecords } from '../src/datasets/csv-records.js';
import { openTextLines } from '../src/datasets/open-text-lines.js';

/**
 * The world of the offline bandit simulation (docs/benchmarks.md, "Choosing the intervention").
 *
 * Real: the sessions — 12,330 of the UCI "Online Shoppers Purchasing Intention" data set — and whether
 * each ended in a purchase (`Revenue`). Assumed: how each intervention changes that, because no public
 * data set logs retail interventions and their outcomes. A session that bought really does convert,
 * whatever it is shown; one that did not is persuaded with the probability `persuasion` gives the
 * variant in its context. That response model is the simulation's main limit: it decides which
 * variant is best where, so the figures show the bandit finding a context-dependent best variant, not
 * that these particular effects exist.
 */
export const DATA_FILE = '../shared/data/online_shoppers_intention/online_shoppers_intention.csv.gz';

export const VARIANTS = ['coupon', 'social_proof', 'urgency'] as const;
export type VariantId = (typeof VARIANTS)[number];

export interface Session {
  context: BanditContext;
  bought: boolean;
}

/**
 * The assumed response model: the chance that a session which would not have bought does, per variant.
 * A coupon moves returning visitors who have shown purchase intent (page value, our stand-in for a
 * cart); social proof moves first visits; urgency works best at the weekend.
 */
export function persuasion(variant: VariantId, context: BanditContext): number {
  const cart = (context.cartValue ?? 0) > 0;
  switch (variant) {
    case 'coupon':
      return context.firstVisit ? 0.01 : cart ? 0.15 : 0.04;
    case 'social_proof':
      return context.firstVisit ? 0.12 : cart ? 0.04 : 0.02;
    case 'urgency':
      return (context.weekend ? 0.08 : 0.03) + (cart ? 0.02 : 0);
  }
}

/** The expected reward of showing `variant` to `session`: 1 if it bought anyway, else the persuasion. */
export function expectedReward(session: Session, variant: VariantId): number {
  return session.bought ? 1 : persuasion(variant, session.context);
}

/** The best variant in a context, knowing the response model (the oracle). */
export function oracleVariant(context: BanditContext): VariantId {
  return VARIANTS.reduce((best, variant) => (persuasion(variant, context) > persuasion(best, context) ? variant : best));
}

/**
 * Reads the sessions. `purchaseProbability` is the bench's stand-in for the prediction model: the
 * observed conversion rate of the session's cell (page value in four ranges × product pages in
 * three), fitted on the same data — calibrated by construction, coarse on purpose.
 */
export async function loadSessions(file = DATA_FILE): Promise<Session[]> {
  const rows: Array<{ productPages: number; pageValue: number; firstVisit: boolean; weekend: boolean; bought: boolean }> = [];
  let header: string[] | undefined;
  for await (const record of csvRecords(openTextLines(file))) {
    if (!('cells' in record)) throw new Error(`${file} line ${record.line}: ${record.error.problem}`);
    if (header === undefined) {
      header = record.cells;
      continue;
    }
    const cell = (name: string) => record.cells[header!.indexOf(name)]!;
    rows.push({
      productPages: Number(cell('ProductRelated')),
      pageValue: Number(cell('PageValues')),
      firstVisit: cell('VisitorType') === 'New_Visitor',
      weekend: cell('Weekend') === 'TRUE',
      bought: cell('Revenue') === 'TRUE',
    });
  }
  const cellOf = (row: (typeof rows)[number]) =>
    `${row.pageValue === 0 ? 0 : row.pageValue <= 10 ? 1 : row.pageValue <= 30 ? 2 : 3}|${row.productPages < 10 ? 0 : row.productPages <= 30 ? 1 : 2}`;
  const tallies = new Map<string, { sessions: number; bought: number }>();
  for (const row of rows) {
    const tally = tallies.get(cellOf(row)) ?? { sessions: 0, bought: 0 };
    tally.sessions++;
    if (row.bought) tally.bought++;
    tallies.set(cellOf(row), tally);
  }
  return rows.map((row) => {
    const tally = tallies.get(cellOf(row))!;
    return {
      bought: row.bought,
      context: {
        purchaseProbability: Math.round((tally.bought / tally.sessions) * 1e4) / 1e4,
        cartValue: row.pageValue,
        firstVisit: row.firstVisit,
        weekend: row.weekend,
        channel: 'web',
      },
    };
  });
}
