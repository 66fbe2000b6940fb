// QuestDB's longest table name is 127 characters; the name also goes unquoted into ILP and SQL,
// so only plain identifiers are allowed.
const tableNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,126}$/;

/** What is wrong with a QuestDB table name, or undefined when it is fine. */
export function checkTableName(table: unknown): string | undefined {
  return typeof table === 'string' && tableNamePattern.test(table)
    ? undefined
    : 'expected a table name of at most 127 letters, digits and _, not starting with a digit';
}
