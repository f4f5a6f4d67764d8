/** A published result on the SR-GNN YOOCHOOSE 1/64 split, in percent. */
export interface PublishedResult {
  model: string;
  hitRate20: number;
  mrr20: number;
}

/** SR-GNN (Wu et al., AAAI 2019), Table 2, YOOCHOOSE 1/64: P@20 (= HR@20 here) and MRR@20. */
export const SRGNN_YOOCHOOSE_1_64_PUBLISHED: readonly PublishedResult[] = [
  { model: 'POP', hitRate20: 6.71, mrr20: 1.65 },
  { model: 'Item-KNN', hitRate20: 51.6, mrr20: 21.81 },
  { model: 'GRU4Rec', hitRate20: 60.64, mrr20: 22.89 },
  { model: 'NARM', hitRate20: 68.32, mrr20: 28.63 },
  { model: 'STAMP', hitRate20: 68.74, mrr20: 29.67 },
  { model: 'SR-GNN', hitRate20: 70.57, mrr20: 30.94 },
];

/** Whether a file is the YOOCHOOSE 1/64 split the published rows were measured on (by its folder or name). */
export function isYoochoose164(file: string): boolean {
  return /yoochoose[_-]?1[_/-]?64/i.test(file);
}
