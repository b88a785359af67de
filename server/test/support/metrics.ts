import type { Counter } from 'prom-client';

/** What a counter of the app's metrics holds, summed over the series matching `labels`. */
export async function counted(
  counter: Counter<string>,
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await counter.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
    .reduce((sum, v) => sum + v.value, 0);
}
