import { openTextLines } from '../../datasets/open-text-lines.js';
import { sniffLines } from '../../datasets/sniff-lines.js';
import { Errors } from '../../shared/errors.js';

/** One test query of the next-item protocol: the session's clicks so far and the item clicked next. */
export interface NextItemQuery {
  prefix: string[];
  target: string;
}

export type SrgnnFileKind = 'sessions' | 'samples';

const HEADERS: Record<string, SrgnnFileKind> = { 'session_idx\titems': 'sessions', 'prefix_items\ttarget_item': 'samples' };

/**
 * Which SR-GNN split file this is, from its header: training sessions (`session_idx<TAB>items`, one
 * session per line, items space-separated) or test samples (`prefix_items<TAB>target_item`, exactly the
 * prefixes SR-GNN evaluates), or undefined for anything else. YOOCHOOSE and DIGINETICA splits share it.
 */
export async function srgnnFileKind(file: string): Promise<SrgnnFileKind | undefined> {
  const [first] = await sniffLines(file, 1);
  return HEADERS[first!.text.replace(/^\uFEFF/, '').trim().toLowerCase()];
}

/** The training sessions of an SR-GNN split file, in file order (SR-GNN's: by session end date). */
export async function readSrgnnSessions(file: string): Promise<string[][]> {
  const sessions: string[][] = [];
  for await (const [line, cells] of dataRows(file, 'sessions')) {
    const items = itemsOf(cells[1], file, line, 'items');
    if (cells.length !== 2 || items.length === 0) throw Errors.badFile(file, `line ${line}: expected "session_idx<TAB>item item …"`);
    sessions.push(items);
  }
  return sessions;
}

/** The test samples of an SR-GNN split file, in file order. */
export async function readSrgnnSamples(file: string): Promise<NextItemQuery[]> {
  const samples: NextItemQuery[] = [];
  for await (const [line, cells] of dataRows(file, 'samples')) {
    const prefix = itemsOf(cells[0], file, line, 'prefix_items');
    const target = cells[1]?.trim() ?? '';
    if (cells.length !== 2 || prefix.length === 0 || target === '' || /\s/.test(target)) {
      throw Errors.badFile(file, `line ${line}: expected "prefix items<TAB>target item"`);
    }
    samples.push({ prefix, target });
  }
  return samples;
}

async function* dataRows(file: string, kind: SrgnnFileKind): AsyncGenerator<[number, string[]]> {
  let header = true;
  for await (const { line, text } of openTextLines(file)) {
    if (text.trim() === '') continue;
    if (header) {
      if (HEADERS[text.replace(/^\uFEFF/, '').trim().toLowerCase()] !== kind) {
        const expected = Object.entries(HEADERS).find(([, value]) => value === kind)![0].replace('\t', '<TAB>');
        throw Errors.badFile(file, `is not an SR-GNN ${kind} file: its first line should be "${expected}"`);
      }
      header = false;
      continue;
    }
    yield [line, text.split('\t')];
  }
  if (header) throw Errors.badFile(file, 'is empty');
}

function itemsOf(cell: string | undefined, file: string, line: number, column: string): string[] {
  const items = (cell ?? '').trim().split(/\s+/).filter((item) => item !== '');
  if (items.length === 0) throw Errors.badFile(file, `line ${line}: ${column} is empty`);
  return items;
}
