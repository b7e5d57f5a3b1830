/** The register as other features need it: the digest's summary, and a chair's documents due. */
import type { Config } from '../config.js';
import type { RegisterSummary } from '../domain/digest.js';
import type { StoreData } from '../domain/model.js';
import { formatPartialDate, parsePartialDate, todayIn } from '../domain/partialDate.js';
import {
    assessProtocol,
    describeDue,
    dueReport,
    reviewFirst,
    windowEndFor,
    type RegisterOptions,
    type Standing,
} from '../domain/register.js';

const STATE_WORDS: Record<Standing['state'], string> = {
    overdue: 'overdue',
    due_soon: 'due soon',
    under_review: 'under review',
    no_date: 'no known date',
    not_due: 'not due',
    inactive: 'draft or withdrawn',
};

export function registerOptions(
    config: Pick<Config, 'timeZone' | 'dueSoonDays' | 'defaultReviewCycleMonths'>,
): RegisterOptions {
    return {
        zone: config.timeZone,
        dueSoonDays: config.dueSoonDays,
        defaultCycleMonths: config.defaultReviewCycleMonths,
    };
}

const groupNameIn = (data: Pick<StoreData, 'groups'>) => (id: string) =>
    data.groups.find((g) => g.id === id)?.name ?? id;

/** The register's state for the digest: counts, the first few to review and why, and every row. */
export function registerSummary(
    data: Pick<StoreData, 'protocols' | 'groups'>,
    now: Date,
    options: RegisterOptions,
): RegisterSummary {
    const report = dueReport(data.protocols, now, options);
    const name = groupNameIn(data);
    const first = reviewFirst(report, 3, name);
    const date = (d?: string) => (d ? formatPartialDate(parsePartialDate(d)!) : '');
    const today = todayIn(now, options.zone);
    const windowEnd = windowEndFor(today, options);
    return {
        overdue: report.overdue.length,
        dueSoon: report.dueSoon.length,
        underReview: report.underReview.length,
        noDate: report.needsDate,
        top: first.picks.map((p) => ({
            title: p.standing.protocol.title,
            state: describeDue(p.standing),
            why: p.reasons.slice(1).join('; '),
        })),
        rows: data.protocols
            .map((p) => assessProtocol(p, today, windowEnd, options.defaultCycleMonths))
            .map((s) => ({
                title: s.protocol.title,
                owners: s.protocol.ownerGroups.map(name).join(', '),
                state: STATE_WORDS[s.state],
                due: s.due ? formatPartialDate(s.due.due) : '',
                lastReviewed: date(s.protocol.lastReviewed ?? s.protocol.published),
                status: s.protocol.status.replace('_', ' '),
                note: s.protocol.statusNote ?? '',
            })),
    };
}

/** A chair's groups' documents that are overdue or due soon, most urgent first (at most `max`). */
export function protocolsDueFor(
    data: Pick<StoreData, 'protocols' | 'groups'>,
    groupIds: string[],
    now: Date,
    options: RegisterOptions,
    max = 5,
) {
    if (groupIds.length === 0) return [];
    const report = dueReport(data.protocols, now, options, { groupIds });
    return [...report.overdue, ...report.dueSoon]
        .slice(0, max)
        .map((s) => ({ title: s.protocol.title, state: describeDue(s) }));
}
