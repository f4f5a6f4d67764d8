import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';
import type { SearchVocabularyStore } from './search-vocabulary-store.js';
import type { ChoiceKind, TermVocabulary } from './term-vocabulary.js';

interface TermRow {
  key: string;
  weight: number;
  at: number;
  evidence: number;
}

interface EntryRow extends TermRow {
  kind: ChoiceKind;
  value: string;
  label: string;
}

/** The vocabulary in the embedded SQLite database: a row per key, a row per entry of a key. */
export class SqliteSearchVocabularyStore implements SearchVocabularyStore {
  private readonly selectTerms: Statement<[string], TermRow>;
  private readonly selectEntries: Statement<[string], EntryRow>;
  private readonly upsertTerm: Statement<[TermRow]>;
  private readonly deleteEntries: Statement<[string]>;
  private readonly insertEntry: Statement<[EntryRow]>;
  private readonly deleteStaleEntries: Statement<[number]>;
  private readonly deleteStaleTerms: Statement<[number]>;

  constructor(private readonly db: SqliteDatabase) {
    // One statement for any number of keys: the keys travel as a JSON array.
    this.selectTerms = db.prepare('SELECT * FROM search_terms WHERE key IN (SELECT value FROM json_each(?))');
    this.selectEntries = db.prepare('SELECT * FROM search_term_entries WHERE key IN (SELECT value FROM json_each(?))');
    this.upsertTerm = db.prepare(
      `INSERT INTO search_terms (key, weight, at, evidence) VALUES (@key, @weight, @at, @evidence)
       ON CONFLICT (key) DO UPDATE SET weight = excluded.weight, at = excluded.at, evidence = excluded.evidence`,
    );
    this.deleteEntries = db.prepare('DELETE FROM search_term_entries WHERE key = ?');
    this.insertEntry = db.prepare(
      'INSERT INTO search_term_entries (key, kind, value, label, weight, at, evidence) VALUES (@key, @kind, @value, @label, @weight, @at, @evidence)',
    );
    this.deleteStaleEntries = db.prepare('DELETE FROM search_term_entries WHERE key IN (SELECT key FROM search_terms WHERE at < ?)');
    this.deleteStaleTerms = db.prepare('DELETE FROM search_terms WHERE at < ?');
  }

  async load(keys: readonly string[]): Promise<Map<string, TermVocabulary>> {
    const found = new Map<string, TermVocabulary>();
    if (keys.length === 0) return found;
    const json = JSON.stringify(keys);
    for (const row of this.selectTerms.all(json)) {
      found.set(row.key, { key: row.key, choices: { score: row.weight, at: row.at }, evidence: row.evidence, entries: [] });
    }
    for (const row of this.selectEntries.all(json)) {
      found.get(row.key)?.entries.push({ kind: row.kind, value: row.value, label: row.label, weight: { score: row.weight, at: row.at }, evidence: row.evidence });
    }
    return found;
  }

  async save(vocabularies: readonly TermVocabulary[]): Promise<void> {
    this.db.transaction(() => {
      for (const { key, choices, evidence, entries } of vocabularies) {
        this.upsertTerm.run({ key, weight: choices.score, at: choices.at, evidence });
        this.deleteEntries.run(key);
        for (const entry of entries) {
          this.insertEntry.run({ key, kind: entry.kind, value: entry.value, label: entry.label, weight: entry.weight.score, at: entry.weight.at, evidence: entry.evidence });
        }
      }
    })();
  }

  async pruneBefore(epochMs: number): Promise<number> {
    return this.db.transaction(() => {
      this.deleteStaleEntries.run(epochMs);
      return this.deleteStaleTerms.run(epochMs).changes;
    })();
  }
}
