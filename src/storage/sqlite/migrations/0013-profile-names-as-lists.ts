import type { Migration } from './index.js';

/**
 * A profile's category and brand affinities and its purchased products become lists of entries
 * instead of objects keyed by name (profile-state.ts says why: objects keyed by a catalog's names cost
 * V8 a hidden class per name sequence, in every fold and every JSON.parse of a state). Rewritten in
 * place, in the order the names were stored.
 */
export const profileNamesAsLists: Migration = {
  version: 13,
  name: 'profile affinities and purchased products as lists',
  sql: `
    UPDATE profiles SET state = json_set(state,
      '$.lifetime.categoryAffinity', json((
        SELECT json_group_array(json_object('name', key, 'score', json_extract(value, '$.score'), 'at', json_extract(value, '$.at')))
        FROM json_each(state, '$.lifetime.categoryAffinity'))),
      '$.lifetime.brandAffinity', json((
        SELECT json_group_array(json_object('name', key, 'score', json_extract(value, '$.score'), 'at', json_extract(value, '$.at')))
        FROM json_each(state, '$.lifetime.brandAffinity'))))
    WHERE json_type(state, '$.lifetime.categoryAffinity') = 'object' OR json_type(state, '$.lifetime.brandAffinity') = 'object';
    UPDATE profiles SET state = json_set(state,
      '$.lifetime.purchasedProducts', json((
        SELECT json_group_array(json_object('productId', key, 'at', value))
        FROM json_each(state, '$.lifetime.purchasedProducts'))))
    WHERE json_type(state, '$.lifetime.purchasedProducts') = 'object';
  `,
};
