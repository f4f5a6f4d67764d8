import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readCustomersFile } from './customers-reader.js';
import { createFixtureDir, drain } from '../test-support/fixture-files.js';

const fixtures = createFixtureDir();
afterAll(() => fixtures.remove());

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('readCustomersFile', () => {
  it('reads a CSV into identify messages, traits as text except booleans, dotted columns nested', async () => {
    const text = ['userId,email,phone,loyaltyId,firstName,traits.lastName,consent.email', 'c-1,ada@example.com,0612345678,00042,Ada,Lovelace,true', 'c-2,,,,Bob,,'].join('\n');
    const rows = await drain(readCustomersFile(fixtures.write('customers.csv.gz', text, { gzip: true })));
    const adaTraits = { email: 'ada@example.com', phone: '0612345678', loyaltyId: '00042', firstName: 'Ada', lastName: 'Lovelace', consent: { email: true } };
    expect(rows).toEqual([
      {
        line: 2,
        message: {
          type: 'identify',
          userId: 'c-1',
          traits: adaTraits,
          messageId: `customer-c-1-${sha1('{"traits":{"consent":{"email":true},"email":"ada@example.com","firstName":"Ada","lastName":"Lovelace","loyaltyId":"00042","phone":"0612345678"},"userId":"c-1"}')}`,
        },
      },
      { line: 3, message: { type: 'identify', userId: 'c-2', traits: { firstName: 'Bob' }, messageId: `customer-c-2-${sha1('{"traits":{"firstName":"Bob"},"userId":"c-2"}')}` } },
    ]);
  });

  it('gives the same customer the same messageId in CSV and JSONL, and a changed one a new id', async () => {
    const csv = await drain(readCustomersFile(fixtures.write('a.csv', 'firstName,user_id,email\nAda,c-1,ada@example.com\n')));
    const jsonl = await drain(
      readCustomersFile(fixtures.write('a.jsonl', '{"userId":"c-1","traits":{"email":"ada@example.com"},"firstName":"Ada"}\n{"userId":"c-1","email":"ada@example.org","firstName":"Ada"}\n')),
    );
    expect(jsonl[0]?.message).toEqual(csv[0]?.message);
    expect(jsonl[1]?.message?.messageId).not.toBe(jsonl[0]?.message?.messageId);
  });

  it('gives a row without a userId an error naming the field', async () => {
    const csv = await drain(readCustomersFile(fixtures.write('missing.csv', 'userId,email\n,ada@example.com\nc-2,b@example.com\n')));
    expect(csv[0]).toEqual({ line: 2, error: { field: 'userId', problem: 'is missing; every customer needs the userId that their events carry' } });
    expect(csv[1]?.message?.userId).toBe('c-2');
    const jsonl = await drain(readCustomersFile(fixtures.write('missing.jsonl', '{"email":"a@example.com"}\n{"userId":{"id":1}}\n{"userId":42}\nnot json\n')));
    expect(jsonl).toEqual([
      { line: 1, error: { field: 'userId', problem: 'is missing; every customer needs the userId that their events carry' } },
      { line: 2, error: { field: 'userId', problem: 'is {"id":1}; give it as a string' } },
      { line: 3, message: { type: 'identify', userId: '42', traits: {}, messageId: `customer-42-${sha1('{"traits":{},"userId":"42"}')}` } },
      { line: 4, error: { field: 'row', problem: expect.stringMatching(/^is not valid JSON: /) } },
    ]);
  });

  it('throws badFile for a CSV header without a userId column', async () => {
    const file = fixtures.write('no-id.csv', 'email,phone\na@example.com,1\n');
    await expect(drain(readCustomersFile(file))).rejects.toMatchObject({
      code: 'KAIROS_BAD_FILE',
      message: `${file}: the header needs exactly one "userId" column (it has: email, phone); is the file comma-separated?`,
    });
  });
});
