/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */

/** Renders `rows` under `header` (both lists of cells); the first column holds labels, and other cells that look numeric are right-aligned. */
export function formatTextTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const render = (row: readonly string[]) =>
    widths
      .map((width, column) => {
        const cell = row[column] ?? '';
        return column > 0 && looksNumeric(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(render)];
}

// digits first, then anything (units, ratios, "5.0 (5.0)"): a measured figure, aligned on the right
function looksNumeric(cell: string): boolean {
  return /^[<>~]?\d/.test(cell);
}
