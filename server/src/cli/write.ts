import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.suiteauth-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
}

function writeDurably(tmp: string, data: string | Buffer, mode: number | undefined, flag: string): void {
  const fd = fs.openSync(tmp, flag, mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces a file's content through a temporary file in the same folder and a
 * rename, keeping its permission bits: a crash leaves the old file or the new
 * one, never half of either.
 */
export function writeAtomic(file: string, data: string | Buffer): void {
  const mode = fs.statSync(file).mode & 0o7777;
  const tmp = tempNameFor(file);
  try {
    writeDurably(tmp, data, mode, 'wx');
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Creates a file that does not exist yet, atomically: the content is written
 * to a temporary file that is then hard-linked to the name (which fails if the
 * name exists). Returns false, touching nothing, when the file already exists.
 */
export function createExclusive(file: string, data: string): boolean {
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempNameFor(file);
  try {
    writeDurably(tmp, data, 0o666, 'wx');
    try {
      fs.linkSync(tmp, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
      // File systems without hard links: exclusive create, then write.
      try {
        fs.writeFileSync(file, data, { flag: 'wx' });
      } catch (inner) {
        if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw inner;
      }
    }
    return true;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
