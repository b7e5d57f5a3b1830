/** The register as other features need it: the digest's summary, and a chair's documents due. */
import type { Config } from '../config.js';
import type { RegisterSummary } from '../domain/digest.js';
import type { StoreData } from '../domain/model.js';
import { parsePartialDate, todayIn, showDate } from '../domain/partialDate.js';
import type { RegisterSettings } from '../domain/model.js';
import {
    asAtSuffix,
    describePosition,
    DUE_POSITIONS,
    dueReport,
    positionAsAt,
    POSITIONS,
    reviewFirst,
    type Position,
    type RegisterOptions,
    type Standing,
} from '../domain/register.js';
import { counted } from '../domain/words.js';

const POSITION_WORDS: Record<Position, string> = {
    date_passed: 'review date passed',
    flagged_due: 'flagged as due',
    owner_says_due: 'owner says due',
    probably_due: 'probably due (a judgement)',
    date_coming: 'review date coming up',
    advice_sought: 'waiting for advice',
    removal_candidate: 'owners deciding whether to keep',
    under_review: 'under review',
    nothing_recorded: 'nothing recorded',
    not_due: 'review date later',
    reviewed: 'reviewed, next date unknown',
    inactive: 'draft or withdrawn',
};

/**
 * The register's options: the configured window and age, and the manager's review-cycle policy from
 * the store's settings (none while unset).
 */
export function registerOptions(
    config: Pick<Config, 'timeZone' | 'dueSoonDays' | 'factsConfirmedMonths'>,
    settings: RegisterSettings = {},
): RegisterOptions {
    return {
        zone: config.timeZone,
        dueSoonDays: config.dueSoonDays,
        policyCycleMonths: settings.reviewCycle?.months,
        confirmedMonths: config.factsConfirmedMonths,
    };
}

const groupNameIn = (data: Pick<StoreData, 'groups'>) => (id: string) =>
    data.groups.find((g) => g.id === id)?.name ?? id;

/** The register's state for the digest: counts by evidence, the first few to review and why, and every row. */
export function registerSummary(
    data: Pick<StoreData, 'protocols' | 'groups'>,
    now: Date,
    options: RegisterOptions,
): RegisterSummary {
    const report = dueReport(data.protocols, now, options);
    const name = groupNameIn(data);
    const first = reviewFirst(report, 3, data.groups, data.protocols);
    const date = (d?: string) => (d ? showDate(parsePartialDate(d)!) : '');
    const today = todayIn(now, options.zone);
    const sec = report.sections;
    const due = DUE_POSITIONS.reduce((n, p) => n + sec[p].length, 0);
    const all: Standing[] = POSITIONS.flatMap((p) => sec[p]);
    const line = (s: Standing) => {
        const asAt = positionAsAt(s);
        const text = describePosition(s, today);
        return asAt ? `${text} (${asAtSuffix(asAt, today, options.confirmedMonths)})` : text;
    };
    // Every position but "inactive" once, so the parts add up to the documents in force.
    const parts = [
        `${due} due on the evidence (${sec.date_passed.length} with a review date passed)`,
        `${sec.under_review.length} under review`,
        ...(
            [
                ['removal_candidate', 'with owners deciding whether to keep them'],
                ['advice_sought', 'waiting for advice'],
                ['nothing_recorded', 'with nothing recorded'],
                ['not_due', 'with a review date later'],
                ['reviewed', 'marked reviewed with no cycle to date the next review'],
            ] as const
        )
            .filter(([p]) => sec[p].length > 0)
            .map(([p, words]) => `${sec[p].length} ${words}`),
    ];
    const inForce = all.length - sec.inactive.length;
    const inactive = sec.inactive.length
        ? ` ${counted(sec.inactive.length, 'draft or withdrawn document', 'drafts or withdrawn documents')} aside.`
        : '';
    return {
        headline: `${counted(inForce, 'document')} in force: ${parts.join(', ')}.${inactive}`,
        top: first.picks.map((p) => ({
            title: p.standing.protocol.title,
            state: line(p.standing),
            why: p.reasons[0],
        })),
        rows: all.map((s) => ({
            title: s.protocol.title,
            owners: s.protocol.ownerGroups.map(name).join(', '),
            state: POSITION_WORDS[s.position],
            due: s.date ? showDate(s.date.due) : '',
            lastReviewed: date(s.protocol.lastReviewed ?? s.protocol.published),
            status: s.protocol.status.replace('_', ' '),
            note: line(s),
        })),
    };
}

/** A chair's groups' documents whose evidence asks for a review, strongest evidence first (at most `max`). */
export function protocolsDueFor(
    data: Pick<StoreData, 'protocols' | 'groups'>,
    groupIds: string[],
    now: Date,
    options: RegisterOptions,
    max = 5,
) {
    if (groupIds.length === 0) return [];
    const report = dueReport(data.protocols, now, options, { groupIds });
    const today = report.today;
    return DUE_POSITIONS.flatMap((p) => report.sections[p])
        .slice(0, max)
        .map((s) => {
            const asAt = positionAsAt(s);
            const text = describePosition(s, today);
            return {
                title: s.protocol.title,
                state: asAt ? `${text} (${asAtSuffix(asAt, today, options.confirmedMonths)})` : text,
            };
        });
}
