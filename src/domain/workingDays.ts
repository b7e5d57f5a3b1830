/**
 * Working days in England and Wales: not a Saturday or Sunday, not a bank holiday. Bank holidays
 * come from the `date-holidays` library (public holidays for England; Wales shares them).
 */
import Holidays from 'date-holidays';
import type { DateTime } from 'luxon';

const england = new Holidays('GB', 'ENG');
const cache = new Map<string, boolean>();

/** True for a bank holiday in England and Wales (`YYYY-MM-DD`). */
export function isBankHoliday(day: string): boolean {
    let known = cache.get(day);
    if (known === undefined) {
        const found = england.isHoliday(new Date(`${day}T12:00:00Z`));
        known = Array.isArray(found) && found.some((h) => h.type === 'public' || h.type === 'bank');
        cache.set(day, known);
    }
    return known;
}

export function isWorkingDay(day: DateTime): boolean {
    return day.weekday <= 5 && !isBankHoliday(day.toISODate()!);
}

/** The day itself when it is a working day, else the next working day. */
export function nextWorkingDay(day: DateTime): DateTime {
    let d = day;
    while (!isWorkingDay(d)) d = d.plus({ days: 1 });
    return d;
}
