/**
 * Builds the digest for a Board period from the store: each reporting group's most recent update due
 * in the six months up to and including the period's month, compared with the update before it.
 */
import { DateTime } from 'luxon';
import type { Digest, DigestEntry, DigestObjective, MissingGroup, RegisterSummary } from '../domain/digest.js';
import type { Group, ThemeCode } from '../domain/model.js';
import { objectivesOf, submittedVersion, type UpdateDoc } from '../domain/progress.js';
import { isScheduled, periodAt, type SchedulePeriod } from '../domain/schedule.js';
import { DeliveryLedger } from '../notify/ledger.js';
import type { Store } from '../store/store.js';
import { updatesOf } from './progress.js';
import { helpFromText, milestonesOf, objectiveGaps, objectiveMatrix, openHelpRequests } from '../domain/strategy.js';

/** How many months a Board period looks back over. */
export const WINDOW_MONTHS = 6;

export interface DigestRequest {
    /** YYYY-MM; default the current month. */
    period?: string;
    theme?: ThemeCode;
    groupId?: string;
}

/** The group's latest period due within the window ending with `period`, if any. */
export function periodInWindow(group: Group, period: string): SchedulePeriod | undefined {
    if (!isScheduled(group)) return undefined;
    const end = DateTime.fromFormat(period, 'yyyy-MM', { zone: 'utc' }).endOf('month');
    const start = end.minus({ months: WINDOW_MONTHS }).endOf('month');
    let found: SchedulePeriod | undefined;
    // From the anchor on: the anchor is the first update the bot tracks.
    for (let i = 0; i < 1000; i++) {
        const p = periodAt(group, i);
        const due = DateTime.fromISO(p.due, { zone: 'utc' });
        if (due > end) break;
        if (due > start) found = p;
    }
    return found;
}

export function currentMonth(now: Date, zone: string): string {
    return DateTime.fromJSDate(now).setZone(zone).toFormat('yyyy-MM');
}

export async function buildDigest(
    store: Store,
    request: DigestRequest,
    now: Date,
    zone: string,
    register?: RegisterSummary,
): Promise<Digest> {
    const data = store.read();
    const period = request.period ?? currentMonth(now, zone);
    const groups = data.groups.filter((g) => g.reports && (!request.groupId || g.id === request.groupId));
    // Only the two updates each group's line needs are read, however long the history.
    const updates = updatesOf(store);
    const ledger = await new DeliveryLedger(store).records();
    const themeName = (code: string) => data.themes.find((t) => t.code === code)?.name ?? code;
    const groupName = (id: string) => data.groups.find((g) => g.id === id)?.name ?? id;

    interface Chosen {
        group: Group;
        period: SchedulePeriod;
        doc?: UpdateDoc;
        previous?: UpdateDoc;
    }
    const chosen: Chosen[] = [];
    for (const g of groups) {
        const p = periodInWindow(g, period);
        if (!p) continue;
        const before = periodAt(g as Group & { nextUpdateDue: string }, p.index - 1);
        chosen.push({
            group: g,
            period: p,
            doc: await updates.get(`${g.id}/${p.period}`),
            previous: await updates.get(`${g.id}/${before.period}`),
        });
    }
    const reported = chosen.filter((c) => submittedVersion(c.doc));
    const missing: MissingGroup[] = chosen
        .filter((c) => !submittedVersion(c.doc))
        .map((c) => ({
            groupId: c.group.id,
            groupName: c.group.name,
            period: c.period.period,
            due: c.period.due,
            chairs: data.roster
                .filter((e) => e.groupId === c.group.id && (e.role === 'chair' || e.role === 'vice_chair'))
                .map((e) => e.name),
            reminders: ledger
                .filter((r) => r.groupId === c.group.id && r.period === c.period.period)
                .map((r) => ({
                    step: r.step,
                    at: r.claimedAt,
                    outcome: r.outcome ?? 'sending',
                    to: data.roster.find((e) => e.email.toLowerCase() === r.recipient)?.name ?? r.recipient,
                }))
                .sort((a, b) => a.at.localeCompare(b.at)),
        }));

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
    return {
        period,
        label: DateTime.fromFormat(period, 'yyyy-MM').toFormat('LLLL yyyy'),
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

/** The distinct update periods a digest covers, to close them together. */
export function periodsCovered(store: Store, period: string): string[] {
    const groups = store.read().groups;
    return [
        ...new Set(groups.map((g) => periodInWindow(g, period)?.period).filter((p): p is string => Boolean(p))),
    ].sort();
}
