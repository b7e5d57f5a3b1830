/**
 * What the manager asked the digest for, from their own words: a month ("September 2026", "sept",
 * "2026-09"), a theme ("the Affordability theme", "health and wellbeing") and a group ("KHOG digest").
 */
import { DateTime } from 'luxon';
import type { Group, ThemeCode } from './model.js';
import { groupFinder } from './groupNames.js';

export interface DigestQuestion {
    /** The month named, YYYY-MM. */
    period?: string;
    theme?: ThemeCode;
    groupId?: string;
    /** Words that look like a month with a year but are not one ("Smarch 2026"), or a year alone. */
    notAMonth?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const THEMES: [ThemeCode, RegExp][] = [
    ['HW', /\bhealth\b|\bwell-?being\b/i],
    ['SH', /\bsafer homes\b|\bsafe homes\b|\bsafety\b/i],
    ['I', /\binfrastructure\b/i],
    ['HD', /\b(housing )?delivery\b|\baccelerat/i],
    ['A', /\baffordab/i],
];

/** The period named in the text, as YYYY-MM; a month with no year is its occurrence nearest today. */
export function periodNamed(text: string, now: Date, zone: string): string | undefined {
    const iso = /\b(20\d\d)-(0[1-9]|1[0-2])\b/.exec(text);
    if (iso) return `${iso[1]}-${iso[2]}`;
    const m = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(20\d\d))?\b/.exec(text.toLowerCase());
    if (!m) return undefined;
    const month = MONTHS.indexOf(m[1]) + 1;
    const today = DateTime.fromJSDate(now).setZone(zone);
    let year = m[2] ? Number(m[2]) : today.year;
    if (!m[2] && month - today.month > 6) year -= 1;
    if (!m[2] && today.month - month > 6) year += 1;
    return `${year}-${String(month).padStart(2, '0')}`;
}

export function parseDigestQuestion(text: string, groups: readonly Group[], now: Date, zone: string): DigestQuestion {
    const withoutMay = text.replace(/\bmay I\b|\bmay we\b/gi, ' ');
    const theme = THEMES.find(([, re]) => re.test(text))?.[0];
    const group = groupFinder(groups.filter((g) => g.reports)).find(text)[0];
    const period = periodNamed(withoutMay, now, zone);
    if (period) return { period, theme, groupId: group?.id };
    // A year with no month before it: "Smarch 2026", "2026-13", or "2026" alone.
    const year = /(?:\b([a-z][a-z.]*)\s+)?\b(20\d\d)(?:-\d{1,2})?\b/i.exec(withoutMay);
    const notAMonth = year ? year[0].replace(/^(for|in|of|the)\s+/i, '') : undefined;
    return { theme, groupId: group?.id, notAMonth };
}

/**
 * A calendar day named in the text: "12 March 2027", "12th Mar 2027", "March 12, 2027", "2027-03-12" or
 * "12/03/2027" (day first, as in the UK). A day and month with no year is the next such day from today.
 */
export function dayNamed(text: string, now: Date, zone: string): string | undefined {
    const iso = /\b(20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/.exec(text);
    if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const slash = /\b(\d{1,2})\/(\d{1,2})\/(20\d\d)\b/.exec(text);
    if (slash) return valid(Number(slash[3]), Number(slash[2]), Number(slash[1]));
    const lower = text.toLowerCase();
    const monthRe = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
    const dm = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${monthRe}(?:,?\\s+(20\\d\\d))?\\b`).exec(lower);
    const md = new RegExp(`\\b${monthRe}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(20\\d\\d))?\\b`).exec(lower);
    const parts = dm
        ? { d: Number(dm[1]), m: MONTHS.indexOf(dm[2]) + 1, y: dm[3] }
        : md
          ? { d: Number(md[2]), m: MONTHS.indexOf(md[1]) + 1, y: md[3] }
          : undefined;
    if (!parts) return undefined;
    const today = DateTime.fromJSDate(now).setZone(zone).startOf('day');
    let year = parts.y ? Number(parts.y) : today.year;
    if (!parts.y && DateTime.utc(year, parts.m, Math.min(parts.d, 28)) < today.setZone('utc', { keepLocalTime: true }))
        year += 1;
    return valid(year, parts.m, parts.d);
}

function valid(y: number, m: number, d: number): string | undefined {
    const dt = DateTime.utc(y, m, d);
    return dt.isValid && dt.day === d ? dt.toISODate() : undefined;
}
