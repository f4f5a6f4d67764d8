import type { ResultCounts } from './campaign-results.js';
import { normalInterval95 } from './normal-interval.js';

export interface ArmResults {
  exposures: number;
  conversions: number;
  conversionRate: number | null;
  value: number;
}

/** Treatment rate minus holdout rate, with a 95% normal-approximation interval. */
export interface Lift {
  absolute: number;
  relative: number | null;
  ci95: [number, number];
}

export interface CampaignResults {
  campaignId: string;
  /** Per variant too, each with its own lift over the holdout (which variant adds conversions, not just which converts). */
  treatment: ArmResults & { variants: Array<ArmResults & { variantId: string; lift: Lift | null }> };
  holdout: ArmResults;
  /** Null until both arms have exposures. */
  lift: Lift | null;
  /** Conversions the campaign added: treatment exposures × the absolute lift. */
  incrementalConversions: number | null;
  /** Revenue it added: the treatment's value minus what its exposures would have brought at the holdout's value per exposure. */
  incrementalValue: number | null;
}

/** Lift of the treatment over the holdout per exposure, from the counts of a campaign's arms. */
export function describeResults(campaignId: string, rows: readonly ResultCounts[]): CampaignResults {
  const treatmentRows = rows.filter((row) => row.arm === 'treatment');
  const holdout = arm(rows.filter((row) => row.arm === 'holdout'));
  const variants = treatmentRows.map((row) => {
    const variant = arm([row]);
    return { variantId: row.variantId, ...variant, lift: liftOf(variant, holdout) };
  });
  const treatment = { ...arm(treatmentRows), variants };
  const lift = liftOf(treatment, holdout);
  const results: CampaignResults = { campaignId, treatment, holdout, lift, incrementalConversions: null, incrementalValue: null };
  if (lift === null) return results;
  results.incrementalConversions = round(treatment.exposures * lift.absolute);
  results.incrementalValue = round(treatment.value - treatment.exposures * (holdout.value / holdout.exposures));
  return results;
}

function liftOf(treatment: ArmResults, holdout: ArmResults): Lift | null {
  if (treatment.conversionRate === null || holdout.conversionRate === null) return null;
  const [rt, rh] = [treatment.conversionRate, holdout.conversionRate];
  const absolute = rt - rh;
  const standardError = Math.sqrt((rt * (1 - rt)) / treatment.exposures + (rh * (1 - rh)) / holdout.exposures);
  const [low, high] = normalInterval95(absolute, standardError);
  return { absolute: round(absolute), relative: rh > 0 ? round(absolute / rh) : null, ci95: [round(low), round(high)] };
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
