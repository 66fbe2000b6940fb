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
// Later paths paint over earlier ones: the worse grades over the green base.
const paintOrder: readonly Grade[] = ['gn', 'g0', 'g1', 'g2', 'g3', 'g4', 'gm'];

/**
 * The bars as at most seven paths in a viewBox one unit per slot and one unit high: each run of
 * neighbours is one horizontal line (`M3 .5h4`, then relative moves `m2 0h1`) and the stylesheet's
 * dash pattern (.8 on, .2 off, one period per unit) cuts it into bars. The green path spans every
 * run of bars with data and the worse grades are painted over it, so a strip's green path is the
 * same few bytes whatever went wrong on which day (gzip then erases it across rows). A strip of 90
 * mostly green days is a handful of elements and bytes instead of 90 of each. Bars fill the last
 * slots when there are fewer bars than slots, so a short history still ends at "now".
 */
export function drawBars(grades: readonly Grade[], slots = grades.length): GradePath[] {
  const paths = new Map<Grade, string>();
  // where each path's pen stopped: its next run moves on from there
  const pens = new Map<Grade, number>();
  const offset = slots - grades.length;
  const draw = (grade: Grade, start: number, end: number) => {
    const pen = pens.get(grade);
    const move = pen === undefined ? `M${offset + start} ${lineY[grade]}` : `m${offset + start - pen} 0`;
    paths.set(grade, `${paths.get(grade) ?? ''}${move}h${end - start}`);
    pens.set(grade, offset + end);
  };
  const drawRuns = (paint: (grade: Grade) => Grade | null) => {
    let start = 0;
    for (let index = 1; index <= grades.length; index++) {
      const grade = paint(grades[start]!);
      if (index < grades.length && paint(grades[index]!) === grade) continue;
      if (grade) draw(grade, start, index);
      start = index;
    }
  };
  drawRuns((grade) => (grade === 'gn' ? 'gn' : 'g0'));
  drawRuns((grade) => (grade === 'gn' || grade === 'g0' ? null : grade));
  return paintOrder.filter((grade) => paths.has(grade)).map((grade) => ({ grade, d: paths.get(grade)! }));
}
