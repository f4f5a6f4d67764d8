import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Errors } from '../shared/errors.js';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * The bytes of a file, gunzipped when it starts with the gzip magic bytes whatever its name says
 * (exports are often gzipped without a `.gz`, or named `.gz` after being unpacked). A file that is
 * missing, not a regular file, unreadable or broken gzip throws `Errors.badFile` with what to do.
 * Nothing is opened until the first chunk is asked for, and stopping early closes the file.
 *
 * @example
 * for await (const chunk of openFileBytes('events.jsonl.gz')) hash.update(chunk);
 */
export async function* openFileBytes(file: string): AsyncGenerator<Buffer> {
  const handle = await openRegularFile(file);
  let raw: Readable | undefined;
  let gunzip: ReturnType<typeof createGunzip> | undefined;
  try {
    const gzipped = await startsWithGzipMagic(handle);
    raw = handle.createReadStream({ start: 0, highWaterMark: 256 * 1024 });
    let source: AsyncIterable<Buffer> = raw;
    if (gzipped) {
      gunzip = createGunzip();
      // A read error of the file reaches the loop below through gunzip, which pipeline destroys with it.
      pipeline(raw, gunzip, () => undefined);
      source = gunzip;
    }
    for await (const chunk of source) yield chunk as Buffer;
  } catch (error) {
    throw asBadFile(file, error);
  } finally {
    gunzip?.destroy();
    raw?.destroy();
    // The read stream closes the handle itself; this covers failing before a stream existed.
    if (!raw) await handle.close();
  }
}

async function openRegularFile(file: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw asBadFile(file, error);
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw Errors.badFile(file, info.isDirectory() ? 'is a directory; give the path of a file' : 'is not a regular file');
  }
  return handle;
}

async function startsWithGzipMagic(handle: FileHandle): Promise<boolean> {
  const head = Buffer.alloc(GZIP_MAGIC.length);
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  if (bytesRead < GZIP_MAGIC.length) return false;
  return GZIP_MAGIC.every((byte, index) => head[index] === byte);
}

function asBadFile(file: string, error: unknown): unknown {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return error;
  if (error.code === 'ENOENT') return Errors.badFile(file, 'no such file; check the path');
  if (error.code === 'EACCES' || error.code === 'EPERM') return Errors.badFile(file, 'cannot be read: permission denied');
  if (error.code === 'EISDIR') return Errors.badFile(file, 'is a directory; give the path of a file');
  if (error.code.startsWith('Z_')) return Errors.badFile(file, `is not valid gzip (${error.message}); is the download complete?`);
  // Other system errors (EIO, EMFILE, …); Node's own ERR_* codes are bugs, not unreadable files.
  if (/^E[A-Z0-9]+$/.test(error.code)) return Errors.badFile(file, `cannot be read: ${error.message}`);
  return error;
}
