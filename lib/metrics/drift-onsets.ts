/**
 * First days of drift: per feature of a version, a day it drifted after a day it did not (or the
 * first day on record), from the daily verdicts already kept. Pure; unit-tested.
 */
export function driftOnsets(days: { feature: string; day: string; drifted: boolean }[]): { feature: string; day: string }[] {
  const byFeature = new Map<string, { day: string; drifted: boolean }[]>();
  for (const d of days) byFeature.set(d.feature, [...(byFeature.get(d.feature) ?? []), d]);
  const onsets: { feature: string; day: string }[] = [];
  for (const [feature, list] of byFeature) {
    list.sort((a, b) => a.day.localeCompare(b.day));
    list.forEach((d, i) => {
      if (d.drifted && (i === 0 || !list[i - 1].drifted)) onsets.push({ feature, day: d.day });
    });
  }
  return onsets.sort((a, b) => a.day.localeCompare(b.day) || a.feature.localeCompare(b.feature));
}
