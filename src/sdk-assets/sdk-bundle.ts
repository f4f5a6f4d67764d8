import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` puts the bundled SDK: dist/sdk/kairos.js, two levels up from src/sdk-assets and dist/sdk-assets alike. */
export const DEFAULT_SDK_BUNDLE_PATH = fileURLToPath(new URL('../../dist/sdk/kairos.js', import.meta.url));

export interface SdkBundle {
  body: Buffer;
  etag: string;
}

/**
 * Reads the bundle once it exists and keeps it: it is built before the server starts and does not
 * change under a running server. Until it exists every call looks again, so a server started before
 * `npm run build` serves it as soon as it is built.
 */
export function sdkBundleLoader(path: string): () => Promise<SdkBundle | undefined> {
  let bundle: SdkBundle | undefined;
  return async () => {
    if (bundle) return bundle;
    const body = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (body === undefined) return undefined;
    bundle = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    return bundle;
  };
}
