import { openDatabase } from '../../storage/sqlite/open-database.js';
import { InMemoryPlacementStore } from './in-memory-placement-store.js';
import { describePlacementStoreContract } from './placement-store.contract.js';
import { SqlitePlacementStore } from './sqlite-placement-store.js';

describePlacementStoreContract('in-memory', () => new InMemoryPlacementStore());
describePlacementStoreContract('sqlite', () => new SqlitePlacementStore(openDatabase({ path: ':memory:' })));
