import { statSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * The size on disk of the SQLite data file and its write-ahead log (which holds recent writes until
 * a checkpoint, so it counts too); a file that is not there is left out. Two stat calls per scrape.
 */
export function measureDataFiles(file: string): { name: string; bytes: number }[] {
  return [file, `${file}-wal`].flatMap((path) => {
    try {
      return [{ name: basename(path), bytes: statSync(path).size }];
    } catch {
      return [];
    }
  });
}
