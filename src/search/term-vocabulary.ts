import { decayedScore } from '../profiles/apply-event.js';
import type { DecayedScore } from '../profiles/profile-state.js';

/** What a shopper chose after a search, as the vocabulary remembers it. */
export type ChoiceKind = 'category' | 'brand' | 'product';

/** One thing a search key led to: a category (each level of a path is its own), a brand or a product. */
export interface VocabularyEntry {
  kind: ChoiceKind;
  /** What it is matched by: foldText of a category or brand name, the product id as it is. */
  value: string;
  /** How it is shown: the name as the catalog (or, for a product not in it, the event) wrote it. */
  label: string;
  /** Choices credited to it, weighted by kind (a purchase more than a click), decayed over time. */
  weight: DecayedScore;
  /** Choices credited to it, counted. */
  evidence: number;
}

/**
 * What shoppers chose after searching one key (a normalised term, or a whole normalised query). Every
 * choice adds to `choices` and to each entry it names, so an entry's weight over `choices` is the share
 * of choices that went to it.
 */
export interface TermVocabulary {
  key: string;
  choices: DecayedScore;
  evidence: number;
  /** The strongest entries of each kind (MAX_ENTRIES), in no particular order. */
  entries: VocabularyEntry[];
}

/**
 * The share of the key's choices that went to the entry, in [0, 1]. Both decay alike, and `choices`
 * moves with every credit, so the entry is decayed to the time of the key's latest choice.
 */
export function shareOf(vocabulary: TermVocabulary, entry: VocabularyEntry): number {
  if (vocabulary.choices.score <= 0) return 0;
  return Math.min(1, decayedScore(entry.weight, vocabulary.choices.at) / vocabulary.choices.score);
}
