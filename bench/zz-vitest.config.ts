import { defineConfig } from 'vitest/config';
export default defineConfig({ root: '/work/main', test: { include: ['bench/**/*.test.ts'], pool: 'forks', testTimeout: 60_000 } });
