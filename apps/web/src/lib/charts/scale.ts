/** One category or point of a chart: its label (an axis tick, a table row) and its value. */
export interface Datum {
  label: string;
  value: number;
}

/**
 * The top of a value axis and its ticks: a round step (1, 2 or 5 times a power of ten) giving at
 * most `maxTicks` intervals above zero, and the top the first tick at or above `max`.
 */
export function valueTicks(max: number, maxTicks = 4): { top: number; ticks: number[] } {
  if (!(max > 0)) return { top: 1, ticks: [0, 1] };
  const rough = max / maxTicks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  // Counts are whole numbers: no tick at 0.5.
  const wholeStep = Math.max(1, Math.round(step));
  const top = Math.ceil(max / wholeStep) * wholeStep;
  const ticks: number[] = [];
  for (let tick = 0; tick <= top; tick += wholeStep) ticks.push(tick);
  return { top, ticks };
}

/** Which category labels to print under the axis so that they do not overlap: every n-th. */
export function labelEvery(count: number, width: number, labelWidth: number): number {
  if (count === 0) return 1;
  return Math.max(1, Math.ceil((count * labelWidth) / width));
}
