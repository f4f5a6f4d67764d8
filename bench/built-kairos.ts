/**
 * Kairos as `kairos start` and the CLI run it: the compiled build (`npm run build` first), for benches
 * that time it in process. Under tsx, esbuild's keepNames wraps every closure made in a call in a
 * `__name` helper call; the build has none (12–32% of an in-process decision's median in four
 * alternated pairs, session 15). The paths are in variables so that TypeScript takes the types from
 * the sources, not the build.
 */
const BUILT_APP = '../dist/app/create-kairos.js';
const BUILT_CONFIG = '../dist/config/load-config.js';

export const { createKairos } = (await import(BUILT_APP)) as typeof import('../src/app/create-kairos.js');
export const { loadConfig } = (await import(BUILT_CONFIG)) as typeof import('../src/config/load-config.js');
