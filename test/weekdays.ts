/**
 * Weekdays from `first` through `last` (ISO dates), less the days `skip` names (a trading halt):
 * the calendar of the synthetic price files that tests and benches write.
 */
export function weekdays(first: string, last: string, skip: (date: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    const iso = new Date(t).toISOString().slice(0, 10);
    if (day !== 0 && day !== 6 && !skip(iso)) out.push(iso);
  }
  return out;
}
