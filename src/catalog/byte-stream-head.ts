/** The first bytes of a stream, and the whole stream again (those bytes first) to read on. */
export interface StreamHead {
  head: Buffer;
  stream: AsyncIterable<Buffer>;
}

/**
 * Reads chunks until `enough(head)` says the head tells what the stream is, or the stream ends, without
 * losing what was read: the returned stream replays it. Lets a reader sniff gzip or a file format from
 * a stream it can only read once.
 */
export async function readStreamHead(source: AsyncIterable<Buffer>, enough: (head: Buffer) => boolean): Promise<StreamHead> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let head = Buffer.alloc(0);
  let ended = false;
  while (!enough(head)) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    taken.push(next.value);
    head = Buffer.concat([head, next.value]);
  }
  return { head, stream: replay(taken, ended ? undefined : iterator) };
}

async function* replay(taken: Buffer[], rest: AsyncIterator<Buffer> | undefined): AsyncGenerator<Buffer> {
  try {
    yield* taken;
    if (!rest) return;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    // A consumer that stops early must still close the file underneath.
    await rest?.return?.();
  }
}
