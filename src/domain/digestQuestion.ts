/**
 * What the manager asked the digest for, from their own words: a month ("September 2026", "sept",
 * "2026-09"), a theme ("the Affordability theme", "health and wellbeing") and a group ("KHOG digest").
 */
import { DateTime } from 'luxon';
import type { Group, ThemeCode } from './model.js';
import { groupFinder } from './groupNames.js';

export interface DigestQuestion {
    period?: string;
    theme?: ThemeCode;
    groupId?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const THEMES: [ThemeCode, RegExp][] = [
    ['HW', /\bhealth\b|\bwell-?being\b/i],
    ['SH', /\bsafer homes\b|\bsafe homes\b|\bsafety\b/i],
    ['I', /\binfrastructure\b/i],
    ['HD', /\b(housing )?delivery\b|\baccelerat/i],
    ['A', /\baffordab/i],
];

/** The period named in the text, as YYYY-MM; a month with no year is its latest occurrence up to now. */
export function periodNamed(text: string, now: Date, zone: string): string | undefined {
    const iso = /\b(20\d\d)-(0[1-9]|1[0-2])\b/.exec(text);
    if (iso) return `${iso[1]}-${iso[2]}`;
    const m = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(20\d\d))?\b/.exec(text.toLowerCase());
    if (!m) return undefined;
    const month = MONTHS.indexOf(m[1]) + 1;
    const today = DateTime.fromJSDate(now).setZone(zone);
    let year = m[2] ? Number(m[2]) : today.year;
    if (!m[2] && month > today.month) year -= 1;
    return `${year}-${String(month).padStart(2, '0')}`;
}

export function parseDigestQuestion(text: string, groups: readonly Group[], now: Date, zone: string): DigestQuestion {
    const withoutMay = text.replace(/\bmay I\b|\bmay we\b/gi, ' ');
    const theme = THEMES.find(([, re]) => re.test(text))?.[0];
    const group = groupFinder(groups.filter((g) => g.reports)).find(text)[0];
    return { period: periodNamed(withoutMay, now, zone), theme, groupId: group?.id };
}
