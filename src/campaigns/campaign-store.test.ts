import { openDatabase } from '../storage/sqlite/open-database.js';
import { describeCampaignStoreContract } from './campaign-store.contract.js';
import { InMemoryCampaignStore } from './in-memory-campaign-store.js';
import { SqliteCampaignStore } from './sqlite-campaign-store.js';

describeCampaignStoreContract('in-memory', () => new InMemoryCampaignStore());
describeCampaignStoreContract('sqlite', () => new SqliteCampaignStore(openDatabase({ path: ':memory:' })));
