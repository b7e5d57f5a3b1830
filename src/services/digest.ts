/**
 * Builds the digest of a round from the store: each reporting group's update in the round (see
 * domain/rounds.ts), compared with the group's update before it, with who has not reported and what
 * the reminders for them came to.
 */
import type {
    Digest,
    DigestEntry,
    DigestObjective,
    DigestRound,
    MissingGroup,
    RegisterSummary,
    RoundUpdate,
} from '../domain/digest.js';
import { closedPeriodsOf } from '../domain/closures.js';
import type { Group, ThemeCode } from '../domain/model.js';
import { groupUpdateStatus } from '../domain/nextUpdate.js';
import { objectivesOf, submittedVersion, updateState, type UpdateDoc } from '../domain/progress.js';
import {
    defaultRound,
    monthsWithUpdatesDue,
    dueInMonth,
    periodInRound,
    roundFromId,
    type Round,
} from '../domain/rounds.js';
import { findPeriod, isScheduled, localToday, periodAt, type SchedulePeriod } from '../domain/schedule.js';
import { AppError } from '../errors.js';
import { DeliveryLedger } from '../notify/ledger.js';
import type { Store } from '../store/store.js';
import { updatesByGroup } from './groups.js';
import { updatesOf } from './progress.js';
import { helpFromText, milestonesOf, objectiveGaps, objectiveMatrix, openHelpRequests } from '../domain/strategy.js';

export interface DigestRequest {
    /** The round's id: `current`, `YYYY-MM` or `board-YYYY-MM-DD`; default the next Board meeting's, else the current round. */
    period?: string;
    theme?: ThemeCode;
    groupId?: string;
    /**
     * Exactly these updates (`groupId/period`), under the round's label: a round as it stood when it was
     * closed, for the Board paper's link, however the groups' current updates move on afterwards.
     */
    updates?: { groupId: string; period: string }[];
    label?: string;
}

export interface RoundOptions {
    zone: string;
    /** Working days between a Board meeting's paper deadline and the meeting. */
    boardPaperWorkingDays: number;
}

/**
 * The round a request names. A month in which no update is due is refused with an AppError
 * (`digest.notARound`) that lists the months that are rounds.
 */
export function resolveRound(store: Store, id: string | undefined, now: Date, options: RoundOptions): Round {
    const data = store.read();
    const today = localToday(now, options.zone);
    if (id === undefined) return defaultRound(data.boardMeetings, today, options.boardPaperWorkingDays);
    const round = roundFromId(id, data.boardMeetings, today, options.boardPaperWorkingDays);
    if (!round) throw new AppError('digest.notARound', notARoundMessage(store, id, now, options, false));
    if (round.kind === 'month' && !data.groups.some((g) => g.reports && dueInMonth(g, round.month)))
        throw new AppError('digest.notARound', notARoundMessage(store, round.label, now, options, true));
    return round;
}

/** "No group has an update due in October 2026. Rounds I can collate: ..." with the next months that are rounds. */
export function notARoundMessage(
    store: Store,
    asked: string,
    now: Date,
    options: RoundOptions,
    isMonth: boolean,
): string {
    const today = localToday(now, options.zone);
    const months = monthsWithUpdatesDue(store.read().groups, today.slice(0, 7), 12).slice(0, 4);
    const examples = months.map((m) => `"digest for ${m.label}" (${m.groups.join(', ')})`).join('; ');
    return (
        (isMonth
            ? `No group has an update due in ${asked}, so there is no round to collate for it.`
            : `"${asked.slice(0, 40)}" is not a month I know.`) +
        ` Ask for "digest" for the round being collected now${examples ? `, or name a month in which updates are due: ${examples}` : ''}.`
    );
}

/** The group's update in the round: the period, and its stored document. */
interface Chosen {
    group: Group;
    period: SchedulePeriod;
    doc?: UpdateDoc;
    previous?: UpdateDoc;
    late: boolean;
    closed: boolean;
}

async function chooseUpdates(
    store: Store,
    groups: Group[],
    round: Round,
    now: Date,
    zone: string,
    fixed?: { groupId: string; period: string }[],
): Promise<Chosen[]> {
    const data = store.read();
    const updates = updatesOf(store);
    const today = localToday(now, zone);
    const byGroup =
        round.kind === 'current' && !fixed
            ? await updatesByGroup(
                  store,
                  groups.map((g) => g.id),
              )
            : undefined;
    const chosen: Chosen[] = [];
    for (const g of groups) {
        if (!isScheduled(g)) continue;
        const named = fixed?.find((f) => f.groupId === g.id);
        const p = fixed
            ? named && findPeriod(g, named.period)
            : byGroup
              ? groupUpdateStatus(data, g, byGroup(g.id), now, zone)?.current
              : periodInRound(g, round);
        if (!p) continue;
        const before = periodAt(g, p.index - 1);
        const doc = await updates.get(`${g.id}/${p.period}`);
        const closed = closedPeriodsOf(data, g.id).includes(p.period);
        chosen.push({
            group: g,
            period: p,
            doc,
            previous: await updates.get(`${g.id}/${before.period}`),
            late: p.due < today && !submittedVersion(doc) && !closed,
            closed,
        });
    }
    return chosen.sort((a, b) => a.period.due.localeCompare(b.period.due) || a.group.name.localeCompare(b.group.name));
}

/**
 * The digest of a round, optionally for one theme or one group. Throws AppError `digest.notARound`
 * for a month with no updates due.
 */
export async function buildDigest(
    store: Store,
    request: DigestRequest,
    now: Date,
    options: RoundOptions | string,
    register?: RegisterSummary,
): Promise<Digest> {
    const opts: RoundOptions = typeof options === 'string' ? { zone: options, boardPaperWorkingDays: 10 } : options;
    const zone = opts.zone;
    const data = store.read();
    const resolved = resolveRound(store, request.period, now, opts);
    const round: Round = request.label ? { ...resolved, label: request.label } : resolved;
    const groups = data.groups.filter((g) => g.reports && (!request.groupId || g.id === request.groupId));
    const ledger = await new DeliveryLedger(store).records();
    const themeName = (code: string) => data.themes.find((t) => t.code === code)?.name ?? code;
    const groupName = (id: string) => data.groups.find((g) => g.id === id)?.name ?? id;
    const personName = (email: string) =>
        data.roster.find((e) => e.email.toLowerCase() === email.toLowerCase())?.name ?? email;

    const chosen = await chooseUpdates(store, groups, round, now, zone, request.updates);
    const reported = chosen.filter((c) => submittedVersion(c.doc));
    const updates: RoundUpdate[] = chosen.map((c) => {
        const v = submittedVersion(c.doc);
        const state = updateState(c.doc).state;
        return {
            groupId: c.group.id,
            groupName: c.group.name,
            period: c.period.period,
            periodLabel: c.period.label,
            due: c.period.due,
            state,
            submittedAt: v?.at,
            early: Boolean(v && localToday(new Date(v.at), zone) < c.period.due),
            late: c.late,
            closed: c.closed,
        };
    });
    const missing: MissingGroup[] = chosen
        .filter((c) => !submittedVersion(c.doc))
        .map((c) => {
            const people = data.roster
                .filter((e) => e.groupId === c.group.id && (e.role === 'chair' || e.role === 'vice_chair'))
                .sort((a, b) => (a.role === b.role ? 0 : a.role === 'chair' ? -1 : 1))
                .map((e) => ({ name: e.name, role: e.role as 'chair' | 'vice_chair' }));
            return {
                groupId: c.group.id,
                groupName: c.group.name,
                period: c.period.period,
                periodLabel: c.period.label,
                due: c.period.due,
                late: c.late,
                chairs: people.map((p) => p.name),
                people,
                reminders: ledger
                    .filter((r) => r.groupId === c.group.id && r.period === c.period.period && r.as !== 'manager')
                    .map((r) => ({
                        step: r.step,
                        at: r.claimedAt,
                        outcome: r.outcome ?? 'sending',
                        to: personName(r.recipient),
                        reason: r.reason,
                    }))
                    .sort((a, b) => a.at.localeCompare(b.at)),
            };
        });

    const objectives: DigestObjective[] = [];
    for (const o of data.objectives) {
        if (request.theme && o.theme !== request.theme) continue;
        const contributing = chosen.filter((c) => o.contributions.some((x) => x.groupId === c.group.id));
        if (contributing.length === 0) continue;
        const entries: DigestEntry[] = [];
        for (const c of contributing) {
            const v = submittedVersion(c.doc);
            const section = v?.sections.find((s) => s.ref === o.ref);
            if (!v || !section) continue;
            const prev = submittedVersion(c.previous)?.sections.find((s) => s.ref === o.ref);
            entries.push({
                groupId: c.group.id,
                groupName: c.group.name,
                contribution: objectivesOf(data, c.group.id).find((x) => x.ref === o.ref)?.contribution ?? '',
                rag: section.rag,
                previousRag: prev?.rag,
                text: section.text,
                noChange: section.noChange,
                submittedBy: v.by.name,
                submittedAt: v.at,
                onBehalf: v.onBehalf,
                milestones: milestonesOf(data, o.ref, c.group.id),
            });
        }
        objectives.push({
            ref: o.ref,
            theme: o.theme,
            themeName: themeName(o.theme),
            text: o.text,
            entries,
            missing: contributing
                .filter((c) => !entries.some((e) => e.groupId === c.group.id))
                .map((c) => c.group.name),
        });
    }
    const themeOrder = data.themes.map((t) => t.code as string);
    objectives.sort(
        (a, b) =>
            themeOrder.indexOf(a.theme) - themeOrder.indexOf(b.theme) ||
            a.ref.localeCompare(b.ref, 'en', { numeric: true }),
    );

    const matters = reported.flatMap((c) => {
        const v = submittedVersion(c.doc)!;
        return v.otherMatters
            ? [
                  {
                      groupName: c.group.name,
                      text: v.otherMatters,
                      concerns: v.concernsGroups.map(groupName),
                      submittedBy: v.by.name,
                  },
              ]
            : [];
    });

    const scope = [
        request.theme ? `${themeName(request.theme)} theme` : '',
        request.groupId ? groupName(request.groupId) : '',
    ].filter(Boolean);
    const digestRound: DigestRound = {
        id: round.id,
        kind: round.kind,
        label: round.label,
        meeting: round.kind === 'board' ? round.meeting : undefined,
        paperDeadline: round.kind === 'board' ? round.paperDeadline : undefined,
    };
    return {
        period: round.id,
        label: round.label,
        round: digestRound,
        updates,
        generatedAt: now.toISOString(),
        scope,
        reported: reported.length,
        expected: chosen.length,
        missing,
        objectives,
        matters,
        register: request.groupId || request.theme ? undefined : register,
        gaps: request.groupId
            ? []
            : objectiveGaps(data)
                  .filter((o) => !request.theme || o.theme === request.theme)
                  .map((o) => ({ ref: o.ref, themeName: themeName(o.theme), text: o.text })),
        helpRequests: openHelpRequests(data)
            .filter((h) => groups.some((g) => g.id === h.groupId))
            .filter((h) => !request.theme || data.objectives.find((o) => o.ref === h.ref)?.theme === request.theme)
            .map((h) => ({
                groupName: groupName(h.groupId),
                ref: h.ref,
                from: helpFromText(data, h.from, h.fromGroupId),
                need: h.need,
                period: h.period,
                raisedBy: h.raisedBy,
            })),
        matrix: request.groupId || request.theme ? undefined : objectiveMatrix(data),
    };
}
