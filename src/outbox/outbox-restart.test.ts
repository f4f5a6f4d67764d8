import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKairos } from '../app/create-kairos.js';
import { loadConfig } from '../config/load-config.js';
import { eventually } from '../test-support/eventually.js';
import { startHttpReceiver, type HttpReceiver } from '../test-support/http-receiver.js';
import { sampleOutboxInput } from './outbox-fixtures.js';

describe('the outbox across a restart', () => {
  let dataDir: string;
  let receiver: HttpReceiver;
  afterEach(async () => {
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends after reopening the data dir what was enqueued before, once', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kairos-outbox-'));
    receiver = await startHttpReceiver();
    const config = loadConfig({ dataDir }, { KAIROS_LOG_LEVEL: 'silent', KAIROS_WEBHOOK_URL: receiver.url, KAIROS_WEBHOOK_SECRET: 'whsec_0123456789abcdef' });

    const before = createKairos(config);
    const enqueued = await before.outbox.enqueue([sampleOutboxInput({ idempotencyKey: 'a' }), sampleOutboxInput({ idempotencyKey: 'b' })]);
    await before.close();
    expect(receiver.requests).toEqual([]);

    const after = createKairos(config);
    expect(await after.outbox.enqueue([sampleOutboxInput({ idempotencyKey: 'a' })])).toEqual([]);
    after.outboxDispatcher.start();
    await eventually(async () => expect((await after.stores.outbox.countByStatus()).delivered).toBe(2));
    await after.close();
    expect(receiver.requests.map((request) => JSON.parse(request.body.toString('utf8')).id).sort()).toEqual(enqueued.map((message) => message.id).sort());
  });
});
