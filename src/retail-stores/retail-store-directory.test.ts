import { openDatabase } from '../storage/sqlite/open-database.js';
import { InMemoryRetailStoreDirectory } from './in-memory-retail-store-directory.js';
import { describeRetailStoreDirectoryContract } from './retail-store-directory.contract.js';
import { SqliteRetailStoreDirectory } from './sqlite-retail-store-directory.js';

describeRetailStoreDirectoryContract('in-memory', () => new InMemoryRetailStoreDirectory());
describeRetailStoreDirectoryContract('sqlite', () => new SqliteRetailStoreDirectory(openDatabase({ path: ':memory:' })));
