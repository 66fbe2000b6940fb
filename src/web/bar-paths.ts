import type { Grade } from './bar-items.ts';

/** One SVG path drawing every bar of one grade. */
export interface GradePath {
  readonly grade: Grade;
  readonly d: string;
}

// Bars without checks are drawn half as tall, along the bottom, so they never read as "down".
const lineY: Record<Grade, string> = {
  gn: '.75',
  g0: '.5',
  g1: '.5',
  g2: '.5',
  g3: '.5',
  g4: '.5',
  gm: '.5',
};

/**
 * The bars as at most seven paths, one per grade, in a viewBox one unit per slot and one unit high:
 * each run of same-graded neighbours is one horizontal line (`M3 .5h4`) and the stylesheet's dash
 * pattern (.8 on, .2 off, one period per unit) cuts it into bars. A strip of 90 mostly green days
 * is a handful of elements and bytes instead of 90 of each. Bars fill the last slots when there are
 * fewer bars than slots, so a short history still ends at "now".
 */
export function drawBars(grades: readonly Grade[], slots = grades.length): GradePath[] {
  const paths = new Map<Grade, string>();
  const offset = slots - grades.length;
  let start = 0;
  for (let index = 1; index <= grades.length; index++) {
    const grade = grades[start]!;
    if (grades[index] === grade) continue;
    paths.set(grade, `${paths.get(grade) ?? ''}M${offset + start} ${lineY[grade]}h${index - start}`);
    start = index;
  }
  return [...paths].map(([grade, d]) => ({ grade, d }));
}
