/**
 * Runs a unit of work atomically across the stores of several domains. Work is serialised: a second
 * `run` waits for the first to finish, so a store never sees another writer's half-done transaction.
 */
export interface TransactionRunner {
  run<T>(work: () => Promise<T>): Promise<T>;
}
