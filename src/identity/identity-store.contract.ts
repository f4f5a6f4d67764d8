import { beforeEach, describe, expect, it } from 'vitest';
import type { IdentifierType } from './identifiers.js';
import type { IdentityStore } from './identity-store.js';
import type { IdentityRecord, MergeRecord, RefusalRecord } from './identity-types.js';

/** 2024-03-10T10:00:00Z */
const T0 = Date.UTC(2024, 2, 10, 10, 0, 0);

function identity(type: IdentifierType, value: string, profileId: string, overrides: Partial<IdentityRecord> = {}): IdentityRecord {
  return { type, value, profileId, firstSeenAt: T0, sourceMessageId: `m-${type}-${value}`, profilesJoined: 1, ...overrides };
}

function merge(survivorId: string, mergedId: string, at: number, overrides: Partial<MergeRecord> = {}): MergeRecord {
  return { survivorId, mergedId, identifierType: 'email', identifierValue: 'shared@example.com', messageId: `m-merge-${at}`, at, ...overrides };
}

function refusal(profileId: string, otherProfileId: string | undefined, at: number, overrides: Partial<RefusalRecord> = {}): RefusalRecord {
  const record: RefusalRecord = {
    profileId,
    identifierType: 'email',
    identifierValue: 'family@example.org',
    reason: 'shared_identifier',
    messageId: `m-refusal-${at}`,
    at,
    ...overrides,
  };
  if (otherProfileId !== undefined) record.otherProfileId = otherProfileId;
  return record;
}

const keyOf = (record: IdentityRecord) => `${record.type}:${record.value}`;

/**
 * The behaviour every IdentityStore adapter must have. Each adapter's test file calls this with a
 * factory that returns an empty store.
 */
export function describeIdentityStoreContract(adapter: string, createStore: () => IdentityStore | Promise<IdentityStore>): void {
  describe(`IdentityStore contract: ${adapter}`, () => {
    let store: IdentityStore;
    beforeEach(async () => {
      store = await createStore();
    });

    describe('profileIdOf', () => {
      it('answers the profile of one identifier, as lookup would, values with colons and unicode included', async () => {
        const records = [
          identity('email', 'a:b@example.com', 'profile-a'),
          identity('userId', 'email:a:b@example.com', 'profile-b'),
          identity('email', '山田@例え.jp', 'profile-c'),
          identity('anonymousId', "o'brien", 'profile-d'),
        ];
        await store.save(records);
        for (const record of records) expect(await store.profileIdOf({ type: record.type, value: record.value })).toBe(record.profileId);
        expect(await store.profileIdOf({ type: 'userId', value: 'a:b@example.com' })).toBeUndefined();
        expect(await store.profileIdOf({ type: 'email', value: 'missing@example.com' })).toBeUndefined();
      });

      it('follows a reassignment', async () => {
        await store.save([identity('anonymousId', 'anon-1', 'profile-a')]);
        await store.reassign('profile-a', 'profile-b');
        expect(await store.profileIdOf({ type: 'anonymousId', value: 'anon-1' })).toBe('profile-b');
      });
    });

    describe('lookup', () => {
      it('finds one `type:value` key', async () => {
        const sarah = identity('email', 'sarah@example.com', 'profile-a', { profilesJoined: 2, firstSeenAt: T0 + 5 });
        await store.save([sarah, identity('userId', 'sarah@example.com', 'profile-b')]);
        expect(await store.lookup(['email:sarah@example.com'])).toStrictEqual(new Map([['email:sarah@example.com', sarah]]));
        expect(await store.lookup(['phone:sarah@example.com'])).toStrictEqual(new Map());
      });

      it('finds many keys and leaves the unknown ones out', async () => {
        const records = [identity('email', 'a@example.com', 'profile-a'), identity('anonymousId', 'anon-1', 'profile-a'), identity('userId', 'u-9', 'profile-b')];
        await store.save(records);
        const found = await store.lookup(['userId:u-9', 'email:missing@example.com', 'email:a@example.com', 'userId:u-9', 'anonymousId:anon-2', 'anonymousId:anon-1']);
        expect(found).toStrictEqual(new Map(records.map((r) => [keyOf(r), r])));
        expect(await store.lookup(['email:missing@example.com', 'userId:nobody'])).toStrictEqual(new Map());
        expect(await store.lookup([])).toStrictEqual(new Map());
      });

      it('splits a key at its first colon, so values may contain colons', async () => {
        const colonEmail = identity('email', 'a:b@example.com', 'profile-a');
        const urn = identity('userId', 'urn:shop:42', 'profile-b');
        const lookalike = identity('userId', 'email:a:b@example.com', 'profile-c');
        const plain = identity('email', 'b@example.com', 'profile-d');
        await store.save([colonEmail, urn, lookalike, plain]);
        expect(await store.lookup(['email:a:b@example.com'])).toStrictEqual(new Map([['email:a:b@example.com', colonEmail]]));
        expect(await store.lookup(['userId:email:a:b@example.com'])).toStrictEqual(new Map([['userId:email:a:b@example.com', lookalike]]));
        expect(await store.lookup(['userId:urn:shop:42', 'email:a:b@example.com', 'userId:email:a:b@example.com', 'userId:urn'])).toStrictEqual(
          new Map([
            ['userId:urn:shop:42', urn],
            ['email:a:b@example.com', colonEmail],
            ['userId:email:a:b@example.com', lookalike],
          ]),
        );
      });

      it('matches values with quotes, backslashes and unicode exactly', async () => {
        const values = ["o'brien@example.com", '"quoted"@example.com', 'back\\slash', 'naïve@exämple.de', '山田@例え.jp', 'cart🛒'];
        const records = values.map((value, i) => identity(i % 2 === 0 ? 'email' : 'userId', value, `profile-${i}`));
        await store.save(records);
        for (const record of records) expect(await store.lookup([keyOf(record)])).toStrictEqual(new Map([[keyOf(record), record]]));
        const nearMisses = ['email:obrien@example.com', 'email:naive@example.de', 'userId:cart', 'email:quoted@example.com'];
        expect(await store.lookup([...nearMisses, ...records.map(keyOf)])).toStrictEqual(new Map(records.map((r) => [keyOf(r), r])));
      });

      it('finds more keys than one query takes', async () => {
        const records = Array.from({ length: 1_203 }, (_, i) => identity('anonymousId', `anon-${String(i).padStart(5, '0')}`, `profile-${i % 7}`, { firstSeenAt: T0 + i }));
        await store.save(records);
        const asked = [...records.map(keyOf), 'anonymousId:missing', 'email:anon-00001'].reverse();
        const found = await store.lookup(asked);
        expect(found.size).toBe(1_203);
        expect(found).toStrictEqual(new Map(records.map((r) => [keyOf(r), r])));
      });
    });

    describe('save', () => {
      it('updates the profile and join count of a known identifier and keeps when and where it was first seen', async () => {
        const original = identity('email', 'sarah@example.com', 'profile-a', { firstSeenAt: T0, sourceMessageId: 'm-first', profilesJoined: 1 });
        await store.save([original, identity('userId', 'u-1', 'profile-a')]);
        await store.save([identity('email', 'sarah@example.com', 'profile-b', { firstSeenAt: T0 + 99, sourceMessageId: 'm-later', profilesJoined: 3 })]);
        expect(await store.lookup(['email:sarah@example.com'])).toStrictEqual(
          new Map([['email:sarah@example.com', { ...original, profileId: 'profile-b', profilesJoined: 3 }]]),
        );
        expect((await store.identitiesOf('profile-a')).map(keyOf)).toEqual(['userId:u-1']);
        expect((await store.identitiesOf('profile-b')).map(keyOf)).toEqual(['email:sarah@example.com']);
      });

      it('does not let a caller change a stored identity through the objects it passed or got', async () => {
        const saved = identity('email', 'sarah@example.com', 'profile-a');
        await store.save([saved]);
        saved.profileId = 'changed';
        const read = (await store.lookup(['email:sarah@example.com'])).get('email:sarah@example.com')!;
        read.profilesJoined = 99;
        const [listed] = await store.identitiesOf('profile-a');
        listed!.firstSeenAt = 0;
        expect(await store.identitiesOf('profile-a')).toStrictEqual([identity('email', 'sarah@example.com', 'profile-a')]);
      });
    });

    describe('identitiesOf and reassign', () => {
      it("lists a profile's identities oldest first", async () => {
        await store.save([
          identity('userId', 'u-1', 'profile-a', { firstSeenAt: T0 + 20 }),
          identity('email', 'a@example.com', 'profile-a', { firstSeenAt: T0 }),
          identity('phone', '+4915112345678', 'profile-b', { firstSeenAt: T0 + 5 }),
          identity('anonymousId', 'anon-1', 'profile-a', { firstSeenAt: T0 + 10 }),
        ]);
        expect((await store.identitiesOf('profile-a')).map(keyOf)).toEqual(['email:a@example.com', 'anonymousId:anon-1', 'userId:u-1']);
        expect(await store.identitiesOf('profile-b')).toStrictEqual([identity('phone', '+4915112345678', 'profile-b', { firstSeenAt: T0 + 5 })]);
        expect(await store.identitiesOf('nobody')).toStrictEqual([]);
      });

      it('moves every identity of one profile to another and leaves the rest', async () => {
        await store.save([
          identity('anonymousId', 'anon-1', 'merged', { firstSeenAt: T0 }),
          identity('userId', 'u-1', 'survivor', { firstSeenAt: T0 + 1 }),
          identity('email', 'm@example.com', 'merged', { firstSeenAt: T0 + 2 }),
          identity('email', 'other@example.com', 'bystander'),
        ]);
        await store.reassign('merged', 'survivor');
        const moved = await store.identitiesOf('survivor');
        expect(moved.map((r) => [keyOf(r), r.profileId])).toEqual([
          ['anonymousId:anon-1', 'survivor'],
          ['userId:u-1', 'survivor'],
          ['email:m@example.com', 'survivor'],
        ]);
        expect(await store.identitiesOf('merged')).toStrictEqual([]);
        expect((await store.lookup(['email:m@example.com'])).get('email:m@example.com')?.profileId).toBe('survivor');
        expect((await store.identitiesOf('bystander')).map(keyOf)).toEqual(['email:other@example.com']);
      });
    });

    describe('merges', () => {
      it('lists the merges a profile survived, oldest first, and none for the merged side', async () => {
        const late = merge('survivor', 'merged-2', T0 + 10, { identifierType: 'userId', identifierValue: 'u-1' });
        const early = merge('survivor', 'merged-1', T0);
        const tie = merge('survivor', 'merged-3', T0 + 10, { identifierType: 'phone', identifierValue: '+4915112345678' });
        const elsewhere = merge('other', 'merged-4', T0 + 5);
        await store.recordMerges([late, early]);
        await store.recordMerges([tie, elsewhere]);
        expect(await store.mergesOf('survivor')).toStrictEqual([early, late, tie]);
        expect(await store.mergesOf('other')).toStrictEqual([elsewhere]);
        expect(await store.mergesOf('merged-1')).toStrictEqual([]);
        expect(await store.mergesOf('nobody')).toStrictEqual([]);
      });
    });

    describe('refusals', () => {
      it('lists the refusals on either side of a profile, oldest first, without otherProfileId when there was none', async () => {
        const blocked = refusal('profile-a', undefined, T0 + 30, { identifierType: 'email', identifierValue: 'test@test.com', reason: 'blocked_value' });
        const asRefused = refusal('profile-a', 'profile-b', T0);
        const asOther = refusal('profile-c', 'profile-a', T0 + 20, { identifierType: 'userId', identifierValue: 'u-7', reason: 'conflicting_user_id' });
        const unrelated = refusal('profile-b', 'profile-c', T0 + 10);
        await store.recordRefusals([blocked, asRefused, asOther, unrelated]);
        const ofA = await store.refusalsOf('profile-a');
        expect(ofA).toStrictEqual([asRefused, asOther, blocked]);
        expect('otherProfileId' in ofA[2]!).toBe(false);
        expect(await store.refusalsOf('profile-b')).toStrictEqual([asRefused, unrelated]);
        expect(await store.refusalsOf('nobody')).toStrictEqual([]);
      });

      it('treats an otherProfileId given as undefined as absent', async () => {
        await store.recordRefusals([{ ...refusal('profile-a', undefined, T0), otherProfileId: undefined }]);
        expect(await store.refusalsOf('profile-a')).toStrictEqual([refusal('profile-a', undefined, T0)]);
      });

      it('says whether the profile refused exactly this identifier for this reason', async () => {
        await store.recordRefusals([refusal('profile-a', 'profile-b', T0, { identifierType: 'email', identifierValue: 'family@example.org', reason: 'shared_identifier' })]);
        const asked = { profileId: 'profile-a', identifierType: 'email', identifierValue: 'family@example.org', reason: 'shared_identifier' } as const;
        expect(await store.hasRefusal(asked)).toBe(true);
        expect(await store.hasRefusal({ ...asked, reason: 'blocked_value' })).toBe(false);
        expect(await store.hasRefusal({ ...asked, identifierValue: 'Family@example.org' })).toBe(false);
        expect(await store.hasRefusal({ ...asked, identifierType: 'userId' })).toBe(false);
        expect(await store.hasRefusal({ ...asked, profileId: 'profile-b' })).toBe(false);
      });
    });

    describe('deleteProfile', () => {
      it('removes the identities, merges and refusals of that profile, on either side, and nothing else', async () => {
        await store.save([
          identity('email', 'erase@example.com', 'erase-me'),
          identity('anonymousId', 'anon-e', 'erase-me'),
          identity('email', 'keep@example.com', 'keep-me'),
        ]);
        const keptMerge = merge('keep-me', 'old-profile', T0 + 3);
        await store.recordMerges([merge('erase-me', 'absorbed', T0), merge('absorber', 'erase-me', T0 + 1), keptMerge, merge('absorber', 'someone-else', T0 + 2)]);
        const keptRefusal = refusal('keep-me', 'third', T0 + 4);
        await store.recordRefusals([
          refusal('erase-me', 'keep-me', T0),
          refusal('keep-me', 'erase-me', T0 + 1),
          refusal('erase-me', undefined, T0 + 2, { reason: 'blocked_value' }),
          keptRefusal,
        ]);

        await store.deleteProfile('erase-me');

        expect(await store.identitiesOf('erase-me')).toStrictEqual([]);
        expect([...(await store.lookup(['email:erase@example.com', 'anonymousId:anon-e', 'email:keep@example.com'])).keys()]).toEqual([
          'email:keep@example.com',
        ]);
        expect(await store.mergesOf('erase-me')).toStrictEqual([]);
        expect(await store.mergesOf('absorber')).toStrictEqual([merge('absorber', 'someone-else', T0 + 2)]);
        expect(await store.mergesOf('keep-me')).toStrictEqual([keptMerge]);
        expect(await store.refusalsOf('erase-me')).toStrictEqual([]);
        expect(await store.refusalsOf('keep-me')).toStrictEqual([keptRefusal]);
        expect(await store.hasRefusal({ profileId: 'erase-me', identifierType: 'email', identifierValue: 'family@example.org', reason: 'blocked_value' })).toBe(false);
      });
    });
  });
}
