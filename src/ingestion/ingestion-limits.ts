/** Segment's documented limits, which Segment's client libraries already respect. */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
/** Deeper structures are refused: nobody tracks 16 levels of nesting on purpose, and deep input is a way to exhaust the stack. */
export const MAX_NESTING_DEPTH = 16;
/** Earliest acceptable event time: earlier ones are almost always seconds sent as milliseconds or an unset clock. */
export const EARLIEST_TIMESTAMP = Date.UTC(2000, 0, 1);
/** How far in the future (after skew correction) an event time may be. */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;
