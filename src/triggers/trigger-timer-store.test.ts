import { openDatabase } from '../storage/sqlite/open-database.js';
import { InMemoryTriggerTimerStore } from './in-memory-trigger-timer-store.js';
import { SqliteTriggerTimerStore } from './sqlite-trigger-timer-store.js';
import { describeTriggerTimerStoreContract } from './trigger-timer-store.contract.js';

describeTriggerTimerStoreContract('in-memory', () => new InMemoryTriggerTimerStore());
describeTriggerTimerStoreContract('sqlite', () => new SqliteTriggerTimerStore(openDatabase({ path: ':memory:' })));
