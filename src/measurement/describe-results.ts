import type { ResultCounts } from './campaign-results.js';

/** z for a two-sided 95% interval. */
const Z95 = 1.959964;

export interface ArmResults {
  exposures: number;
  conversions: number;
  conversionRate: number | null;
  value: number;
}

export interface CampaignResults {
  campaignId: string;
  treatment: ArmResults & { variants: Array<ArmResults & { variantId: string }> };
  holdout: ArmResults;
  /** Treatment rate minus holdout rate, with a 95% normal-approximation interval; null until both arms have exposures. */
  lift: { absolute: number; relative: number | null; ci95: [number, number] } | null;
  /** Conversions the campaign added: treatment exposures × the absolute lift. */
  incrementalConversions: number | null;
  /** Revenue it added: the treatment's value minus what its exposures would have brought at the holdout's value per exposure. */
  incrementalValue: number | null;
}

/** Lift of the treatment over the holdout per exposure, from the counts of a campaign's arms. */
export function describeResults(campaignId: string, rows: readonly ResultCounts[]): CampaignResults {
  const treatmentRows = rows.filter((row) => row.arm === 'treatment');
  const treatment = { ...arm(treatmentRows), variants: treatmentRows.map((row) => ({ variantId: row.variantId, ...arm([row]) })) };
  const holdout = arm(rows.filter((row) => row.arm === 'holdout'));
  const results: CampaignResults = { campaignId, treatment, holdout, lift: null, incrementalConversions: null, incrementalValue: null };
  if (treatment.conversionRate === null || holdout.conversionRate === null) return results;
  const [rt, rh] = [treatment.conversionRate, holdout.conversionRate];
  const absolute = rt - rh;
  const standardError = Math.sqrt((rt * (1 - rt)) / treatment.exposures + (rh * (1 - rh)) / holdout.exposures);
  results.lift = { absolute: round(absolute), relative: rh > 0 ? round(absolute / rh) : null, ci95: [round(absolute - Z95 * standardError), round(absolute + Z95 * standardError)] };
  results.incrementalConversions = round(treatment.exposures * absolute);
  results.incrementalValue = round(treatment.value - treatment.exposures * (holdout.value / holdout.exposures));
  return results;
}

function arm(rows: readonly ResultCounts[]): ArmResults {
  const exposures = rows.reduce((sum, row) => sum + row.exposures, 0);
  const conversions = rows.reduce((sum, row) => sum + row.conversions, 0);
  const value = round(rows.reduce((sum, row) => sum + row.value, 0));
  return { exposures, conversions, conversionRate: exposures > 0 ? round(conversions / exposures) : null, value };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
