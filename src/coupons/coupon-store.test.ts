import { openDatabase } from '../storage/sqlite/open-database.js';
import { describeCouponStoreContract } from './coupon-store.contract.js';
import { InMemoryCouponStore } from './in-memory-coupon-store.js';
import { SqliteCouponStore } from './sqlite-coupon-store.js';

describeCouponStoreContract('in-memory', () => new InMemoryCouponStore());
describeCouponStoreContract('sqlite', () => new SqliteCouponStore(openDatabase({ path: ':memory:' })));
