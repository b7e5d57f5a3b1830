/**
 * "What changed this week?", "who changed KHOG's due date?": a question about the audit trail read
 * into a query (a span of time, a subject, the kinds of change) and the answer's words. Pure.
 */
import { showDate } from './partialDate.js';
import { DateTime } from 'luxon';
import type { AuditEntry, AuditQuery } from './audit.js';
import { groupFinder } from './groupNames.js';
import type { Group } from './model.js';

export interface AuditQuestion {
    query: AuditQuery;
    /** The span in words: "this week", "the last 7 days", "since records began". */
    span: string;
    /** What the question is about in words ("KHOG's due date"), when it names something. */
    about?: string;
}

/** The most entries an answer lists. */
export const MAX_LISTED = 20;

const FIELDS: { words: RegExp; actions: string[]; label: string }[] = [
    { words: /\b(due|deadline|date)\b/, actions: ['group.nextUpdateDue', 'group.settings'], label: 'due date' },
    {
        words: /\b(cadence|often|quarterly|six.?monthly|frequency)\b/,
        actions: ['group.cadenceMonths', 'group.settings'],
        label: 'cadence',
    },
    { words: /\b(reporting|reports)\b/, actions: ['group.reports', 'group.settings'], label: 'reporting' },
];

/**
 * Reads the question. A named document (`document`: the one the recogniser found by name, with the
 * name to say it by) narrows it to that document's changes; a named group narrows it to that group (and a named field to that field, for
 * example the due date); words for the roster or the register narrow it to those; a span ("today",
 * "this week", "last week", "this month") sets the time, otherwise a named subject is searched over
 * all time and anything else over the last seven days.
 */
export function parseAuditQuestion(
    text: string,
    groups: readonly Group[],
    now: Date,
    zone: string,
    document?: { id: string; name: string },
): AuditQuestion {
    const t = text.toLowerCase();
    const local = DateTime.fromJSDate(now).setZone(zone);
    const named = document ? undefined : groupFinder(groups).find(text)[0];
    const query: AuditQuery = {};
    let about: string | undefined;
    if (document) {
        query.subject = { kind: 'protocol', id: document.id };
        about = document.name;
    } else if (named) {
        query.subject = { kind: 'group', id: named.id };
        const field = FIELDS.find((f) => f.words.test(t));
        if (field) query.actions = field.actions;
        about = `${named.aliases.find((a) => a.length <= 5 && a === a.toUpperCase()) ?? named.name}'s ${field?.label ?? 'settings'}`;
    } else if (/\b(roster|people|person|members?|chairs?|someone)\b/.test(t)) {
        query.actions = ['roster.', 'import.roster', 'undo.roster.', 'undo.import'];
        about = 'the roster';
    } else if (/\b(register|protocols?|documents?)\b/.test(t)) {
        query.actions = ['register.', 'import.register', 'undo.register.', 'undo.import'];
        about = 'the register';
    } else if (/\b(groups?)\b/.test(t)) {
        query.actions = ['group.', 'import.groups', 'undo.group.', 'undo.import'];
        about = 'the groups';
    } else if (/\bobjectives?\b/.test(t)) {
        query.actions = ['import.objectives', 'undo.import'];
        about = 'the objectives';
    }
    let span: string;
    if (/\btoday\b/.test(t)) {
        query.since = local.startOf('day').toJSDate();
        span = 'today';
    } else if (/\byesterday\b/.test(t)) {
        query.since = local.minus({ days: 1 }).startOf('day').toJSDate();
        query.until = local.startOf('day').toJSDate();
        span = 'yesterday';
    } else if (/\blast week\b/.test(t)) {
        query.since = local.minus({ weeks: 1 }).startOf('week').toJSDate();
        query.until = local.startOf('week').toJSDate();
        span = 'last week';
    } else if (/\bthis week\b/.test(t)) {
        query.since = local.startOf('week').toJSDate();
        span = 'this week';
    } else if (/\b(this|the) month\b/.test(t)) {
        query.since = local.startOf('month').toJSDate();
        span = 'this month';
    } else if (about && (named || document)) {
        span = 'since records began';
    } else {
        query.since = local.minus({ days: 7 }).toJSDate();
        span = 'in the last 7 days';
    }
    return { query, span, about };
}

const VIA: Record<AuditEntry['via'], string> = {
    teams: 'in Teams',
    cli: 'on the command line',
    file: 'from a file',
    schedule: 'by the schedule',
};

/** One line per entry, newest first: "30 Nov 2026 10:00, Morgan Ellis in Teams: Moved ...". */
export function describeAuditEntries(entries: readonly AuditEntry[], zone: string): string[] {
    return entries.slice(0, MAX_LISTED).map((e) => {
        const when = showDate(e.at, { zone, time: true });
        return `${when}, ${e.by.name} ${VIA[e.via]}: ${e.summary}`;
    });
}
