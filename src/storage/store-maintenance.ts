/** Store-wide operations that are not any one domain's. */
export interface StoreMaintenance {
  /** After an erasure: make sure no copy of deleted rows survives in logs or free pages. */
  purgeDeletedData(): Promise<void>;
  /** Bytes on disk, for /metrics. */
  sizeBytes(): number;
}
