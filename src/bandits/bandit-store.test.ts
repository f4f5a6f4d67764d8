import { openDatabase } from '../storage/sqlite/open-database.js';
import { describeBanditStoreContract } from './bandit-store.contract.js';
import { InMemoryBanditStore } from './in-memory-bandit-store.js';
import { SqliteBanditStore } from './sqlite-bandit-store.js';

describeBanditStoreContract('in-memory', () => new InMemoryBanditStore());
describeBanditStoreContract('sqlite', () => new SqliteBanditStore(openDatabase({ path: ':memory:' })));
