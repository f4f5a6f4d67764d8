/** Sent as context.library.version; sdk/version.test.ts keeps it equal to package.json's version. */
export const SDK_VERSION = '0.1.0';
export const SDK_NAME = 'kairos-sdk';
