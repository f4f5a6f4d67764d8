/** Treated customers got the intervention; holdout customers were kept from it (the control). */
export type Arm = 'treatment' | 'holdout';

/** Counts of one arm (and variant, for the treatment) of a campaign. */
export interface ResultCounts {
  campaignId: string;
  arm: Arm;
  /** '' for the holdout arm. */
  variantId: string;
  exposures: number;
  conversions: number;
  /** Revenue of the attributed conversions. */
  value: number;
}

export interface ResultsStore {
  /** Adds the deltas (exposures, conversions, value) to the counts, creating rows as needed. */
  add(deltas: ResultCounts[]): Promise<void>;
  /** Every row of a campaign. */
  ofCampaign(campaignId: string): Promise<ResultCounts[]>;
  /** Every row of every campaign (loaded once at start for arbitration). */
  all(): Promise<ResultCounts[]>;
}
