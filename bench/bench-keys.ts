/** The keys every benchmark's server is started with. */
export const WRITE_KEY = 'bench-write-key';
export const ADMIN_KEY = 'bench-admin-key';
export const WRITE_AUTH = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;
