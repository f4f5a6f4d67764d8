/**
 * The one error type of Kairos. Every failure a caller can act on is a KairosError with a stable
 * `code`, the HTTP status it maps to and details (the field, the event index, …). The catalogue below
 * is the only place codes are defined; `toHttp` in server/error-handler.ts and `toCliLine` in
 * cli/cli-errors.ts are the only mappers.
 */
export interface ErrorDetail {
  /** Index of the event in a batch, when the error is about one event of many. */
  index?: number;
  /** JSON-pointer-like path of the offending field, e.g. `properties.price`. */
  field?: string;
  /** What is wrong with it, in words a developer can act on. */
  problem: string;
}

export class KairosError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'KairosError';
  }

  toJSON(): { error: { code: string; message: string; details: ErrorDetail[] } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const Errors = {
  invalidEvent: (details: ErrorDetail[]) =>
    new KairosError('KAIROS_INVALID_EVENT', 400, describe('invalid event', details), details),
  invalidRequest: (details: ErrorDetail[]) =>
    new KairosError('KAIROS_INVALID_REQUEST', 400, describe('invalid request', details), details),
  malformedJson: (problem: string) =>
    new KairosError('KAIROS_MALFORMED_JSON', 400, `request body is not valid JSON: ${problem}`, [{ field: 'body', problem }]),
  malformedEncoding: (problem: string) =>
    new KairosError('KAIROS_MALFORMED_ENCODING', 400, `request body could not be decoded: ${problem}`, [{ field: 'body', problem }]),
  payloadTooLarge: (limitBytes: number, actualBytes: number | undefined, what: string) =>
    new KairosError(
      'KAIROS_PAYLOAD_TOO_LARGE',
      413,
      `${what} is larger than the limit of ${limitBytes} bytes${actualBytes === undefined ? '' : ` (${actualBytes} bytes)`}`,
      [{ field: 'body', problem: `larger than ${limitBytes} bytes` }],
    ),
  unsupportedMediaType: (contentType: string) =>
    new KairosError('KAIROS_UNSUPPORTED_MEDIA_TYPE', 415, `content type ${contentType} is not supported; send application/json`, [
      { field: 'content-type', problem: `unsupported: ${contentType}` },
    ]),
  missingCredentials: () =>
    new KairosError('KAIROS_UNAUTHORIZED', 401, 'missing credentials: send the write key as the HTTP Basic user name, or an admin key as a Bearer token', [
      { field: 'authorization', problem: 'missing' },
    ]),
  wrongCredentials: () =>
    new KairosError('KAIROS_UNAUTHORIZED', 401, 'the key is not valid for this server', [{ field: 'authorization', problem: 'unknown key' }]),
  adminKeyRequired: () =>
    new KairosError('KAIROS_FORBIDDEN', 403, 'this route needs the admin key as a Bearer token; the write key only sends events', [
      { field: 'authorization', problem: 'write key used on an admin route' },
    ]),
  profileNotFound: (identifier: string) =>
    new KairosError('KAIROS_PROFILE_NOT_FOUND', 404, `no profile is known by "${identifier}"`, [{ field: 'id', problem: 'unknown identifier' }]),
  productNotFound: (productId: string) =>
    new KairosError('KAIROS_PRODUCT_NOT_FOUND', 404, `no product with id "${productId}" is in the catalog`, [{ field: 'id', problem: 'unknown product' }]),
  couponPoolNotFound: (poolId: string) =>
    new KairosError('KAIROS_COUPON_POOL_NOT_FOUND', 404, `no coupon pool with id "${poolId}"`, [{ field: 'id', problem: 'unknown coupon pool' }]),
  couponNotRedeemable: (statusCode: number, code: string, problem: string) =>
    new KairosError('KAIROS_COUPON_NOT_REDEEMABLE', statusCode, `coupon ${code} cannot be redeemed: ${problem}`, [{ field: 'code', problem }]),
  storeNotFound: (storeId: string) =>
    new KairosError('KAIROS_STORE_NOT_FOUND', 404, `no store with id "${storeId}"`, [{ field: 'id', problem: 'unknown store' }]),
  campaignNotFound: (campaignId: string) =>
    new KairosError('KAIROS_CAMPAIGN_NOT_FOUND', 404, `no campaign with id "${campaignId}"`, [{ field: 'id', problem: 'unknown campaign' }]),
  placementNotFound: (placementId: string, known: readonly string[]) =>
    new KairosError('KAIROS_PLACEMENT_NOT_FOUND', 404, `no placement with id "${placementId}"; the placements are ${known.join(', ')} (PUT /v1/placements/${placementId} creates it)`, [
      { field: 'id', problem: 'unknown placement' },
    ]),
  outboxMessageNotFound: (messageId: string) =>
    new KairosError('KAIROS_OUTBOX_MESSAGE_NOT_FOUND', 404, `no outbox message with id "${messageId}"`, [{ field: 'id', problem: 'unknown outbox message' }]),
  modelVersionNotFound: (modelId: string) =>
    new KairosError('KAIROS_MODEL_NOT_FOUND', 404, `no model version with id "${modelId}"`, [{ field: 'id', problem: 'unknown model version' }]),
  invalidModel: (field: string, problem: string) =>
    new KairosError('KAIROS_INVALID_MODEL', 422, `the model artifact is refused: ${field}: ${problem}; the model in service stays`, [{ field, problem }]),
  conflict: (field: string, problem: string) => new KairosError('KAIROS_CONFLICT', 409, `conflict: ${field}: ${problem}`, [{ field, problem }]),
  sdkNotBuilt: () =>
    new KairosError('KAIROS_SDK_NOT_BUILT', 404, 'the browser SDK is not built: run npm run build, which writes dist/sdk/kairos.js'),
  routeNotFound: (method: string, url: string) =>
    new KairosError('KAIROS_ROUTE_NOT_FOUND', 404, `${method} ${url} is not a Kairos route; see /openapi.json`),
  shuttingDown: () => new KairosError('KAIROS_SHUTTING_DOWN', 503, 'the server is shutting down; retry against another instance or after restart'),
  invalidConfig: (field: string, problem: string) =>
    new KairosError('KAIROS_INVALID_CONFIG', 500, `invalid configuration ${field}: ${problem}`, [{ field, problem }]),
  badFile: (file: string, problem: string) =>
    new KairosError('KAIROS_BAD_FILE', 400, `${file}: ${problem}`, [{ field: 'file', problem }]),
  dataDirLocked: (dataDir: string, pid: number) =>
    new KairosError(
      'KAIROS_DATA_DIR_LOCKED',
      409,
      `the data dir ${dataDir} is in use by a running Kairos server (pid ${pid}); stop it first or send the data to its API`,
    ),
};

function describe(what: string, details: ErrorDetail[]): string {
  const first = details[0];
  if (!first) return what;
  const where = [first.index === undefined ? undefined : `event ${first.index}`, first.field].filter(Boolean).join(', ');
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return `${what}: ${where ? `${where}: ` : ''}${first.problem}${more}`;
}
