import { openDatabase } from '../storage/sqlite/open-database.js';
import { InMemorySearchVocabularyStore } from './in-memory-search-vocabulary-store.js';
import { describeSearchVocabularyStoreContract } from './search-vocabulary-store.contract.js';
import { SqliteSearchVocabularyStore } from './sqlite-search-vocabulary-store.js';

describeSearchVocabularyStoreContract('in-memory', () => new InMemorySearchVocabularyStore());
describeSearchVocabularyStoreContract('sqlite', () => new SqliteSearchVocabularyStore(openDatabase({ path: ':memory:' })));
