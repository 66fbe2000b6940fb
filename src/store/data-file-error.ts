import { closeSync, openSync, readSync, statSync } from 'node:fs';

// Every SQLite database file begins with these 16 bytes (https://www.sqlite.org/fileformat.html).
const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** Thrown when the data file cannot be opened at start; main prints the message alone, no stack. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
}

/**
 * Says what is wrong with the data file `file` that SQLite refused with `error`: the file, what was
 * found there, and what the operator can do. upbeat never overwrites or deletes it.
 */
export function describeDataFileProblem(file: string, error: unknown): DataFileError {
  const sqliteMessage = error instanceof Error ? error.message : String(error);
  const found = describeWhatIsThere(file);
  return new DataFileError(
    `cannot open the data file ${file}: ${found} (SQLite: ${sqliteMessage}). ` +
      `upbeat has not changed or deleted it. To start with empty history, move it away ` +
      `(mv ${file} ${file}.broken, and any ${file}-wal and ${file}-shm beside it) and start again; ` +
      `to keep the history, restore a backup or repair it with the sqlite3 tool (.recover).`,
  );
}

/** What the path holds, in the words an operator needs: a directory, an unreadable file, not SQLite, damaged. */
function describeWhatIsThere(file: string): string {
  let size: number;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) return 'found a directory where the file should be';
    size = stats.size;
  } catch (error) {
    return `cannot look at it (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  const head = Buffer.alloc(sqliteHeader.length);
  try {
    const descriptor = openSync(file, 'r');
    try {
      readSync(descriptor, head, 0, head.length, 0);
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    return `found a file of ${size} bytes that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  if (!head.equals(sqliteHeader)) return `found a file of ${size} bytes that is not an SQLite database`;
  return `found an SQLite database of ${size} bytes that is damaged or unreadable`;
}
