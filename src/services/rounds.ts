/**
 * Closing and reopening a round's updates, and recording the Board's meeting dates. Each change is
 * stored, then kept in the audit trail (`round.close`, `round.reopen`, `board.meeting`) with who and
 * when, so a close can be undone from its entry.
 */
import { showDate } from '../domain/partialDate.js';
import type { AuditEntry } from '../domain/audit.js';
import { activeClosures } from '../domain/closures.js';
import type { IsoDay, StoreData } from '../domain/model.js';
import { findPeriod, isScheduled, periodLabel } from '../domain/schedule.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/store.js';
import { AuditTrail } from './audit.js';

/** One group's update for one period. */
export interface UpdateRef {
    groupId: string;
    period: string;
}

export interface Actor {
    name: string;
    email: string;
}

const REF = /^([a-z0-9][a-z0-9-]{0,79})\/(\d{4}-(?:0[1-9]|1[0-2]))$/;

/** `groupId/period` as a card carries it, or undefined when malformed. */
export function parseUpdateRef(text: string): UpdateRef | undefined {
    const m = REF.exec(text.trim());
    return m ? { groupId: m[1], period: m[2] } : undefined;
}

export const refKey = (r: UpdateRef) => `${r.groupId}/${r.period}`;

/** "Tenancy Management's November 2026 update". */
export function describeUpdate(data: Pick<StoreData, 'groups'>, r: UpdateRef): string {
    const name = data.groups.find((g) => g.id === r.groupId)?.name ?? r.groupId;
    return `${name}'s ${periodLabel(r.period)}`;
}

/** "A, B and C". */
export function listInWords(items: readonly string[]): string {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** True when the update is a real period of a reporting group. */
export function isRealUpdate(data: Pick<StoreData, 'groups'>, r: UpdateRef): boolean {
    const g = data.groups.find((x) => x.id === r.groupId);
    return Boolean(g && isScheduled(g) && findPeriod(g, r.period));
}

/**
 * Closes the given updates (those not closed already), in one write, and records the close in the
 * audit trail. Refs that are not real updates of reporting groups are refused with an AppError and
 * nothing is closed.
 */
export async function closeUpdates(
    store: Store,
    refs: readonly UpdateRef[],
    by: Actor,
    round: { id: string; label: string; updates: readonly UpdateRef[] },
    now: Date,
): Promise<{ closed: UpdateRef[]; already: UpdateRef[]; entry?: AuditEntry }> {
    const data = store.read();
    const bad = refs.find((r) => !isRealUpdate(data, r));
    if (bad)
        throw new AppError(
            'round.badUpdate',
            `"${refKey(bad).slice(0, 100)}" is not an update of a reporting group. Nothing was closed.`,
        );
    // Only the round's own updates close with it: a card naming another period's update is not one this round offered.
    const outside = refs.find((r) => !round.updates.some((u) => u.groupId === r.groupId && u.period === r.period));
    if (outside)
        throw new AppError(
            'round.badUpdate',
            `${describeUpdate(data, outside)} is not one of the updates in ${round.label}, so it cannot be closed with it. Nothing was closed.`,
        );
    const at = now.toISOString();
    const { closed, already } = await store.transact((d) => {
        const isClosed = (r: UpdateRef) =>
            activeClosures(d).some(
                (c) => c.period === r.period && (c.groupId === undefined || c.groupId === r.groupId),
            );
        const fresh = refs.filter((r) => !isClosed(r));
        d.closedPeriods.push(
            ...fresh.map((r) => ({ period: r.period, groupId: r.groupId, closedAt: at, closedBy: by.email })),
        );
        return { closed: fresh, already: refs.filter((r) => !fresh.includes(r)) };
    });
    if (closed.length === 0) return { closed, already };
    const names = closed.map((r) => describeUpdate(data, r));
    const entry = await new AuditTrail(store).record(
        {
            by,
            via: 'teams',
            action: 'round.close',
            subject: { kind: 'round', id: round.id, name: round.label },
            summary: `Closed ${listInWords(names)}`,
            changes: closed.map((r) => ({ field: `closed ${refKey(r)}`, before: false, after: true })),
        },
        now,
    );
    return { closed, already, entry };
}

/**
 * Reopens the updates: their closures in force are stamped as reopened (kept in the store, and the
 * reopen in the audit trail, pointing at the close it undoes when there is one).
 */
export async function reopenUpdates(
    store: Store,
    refs: readonly UpdateRef[],
    by: Actor,
    now: Date,
    undoes?: string,
): Promise<{ reopened: UpdateRef[]; notClosed: UpdateRef[]; entry?: AuditEntry }> {
    const data = store.read();
    const at = now.toISOString();
    const reopened = await store.transact((d) => {
        const done: UpdateRef[] = [];
        for (const r of refs) {
            const closures = activeClosures(d).filter((c) => c.period === r.period && c.groupId === r.groupId);
            for (const c of closures) Object.assign(c, { reopenedAt: at, reopenedBy: by.email });
            if (closures.length) done.push(r);
        }
        return done;
    });
    const notClosed = refs.filter((r) => !reopened.includes(r));
    if (reopened.length === 0) return { reopened, notClosed };
    const entry = await new AuditTrail(store).record(
        {
            by,
            via: 'teams',
            action: 'round.reopen',
            subject: { kind: 'round', id: reopened.map(refKey).join(',').slice(0, 200), name: 'reopened updates' },
            summary: `Reopened ${listInWords(reopened.map((r) => describeUpdate(data, r)))}`,
            changes: reopened.map((r) => ({ field: `closed ${refKey(r)}`, before: true, after: false })),
            undoes,
        },
        now,
    );
    return { reopened, notClosed, entry };
}

/** The updates a `round.close` audit entry closed. */
export function closedBy(entry: AuditEntry): UpdateRef[] {
    return entry.changes
        .map((c) => (c.field.startsWith('closed ') ? parseUpdateRef(c.field.slice(7)) : undefined))
        .filter((r): r is UpdateRef => Boolean(r));
}

/** Records a Board meeting date (once per date), audited. Returns false when it was already recorded. */
export async function recordBoardMeeting(store: Store, date: IsoDay, by: Actor, now: Date): Promise<boolean> {
    const added = await store.transact((d) => {
        if (d.boardMeetings.some((m) => m.date === date)) return false;
        d.boardMeetings.push({ date, recordedAt: now.toISOString(), recordedBy: by.email });
        d.boardMeetings.sort((a, b) => a.date.localeCompare(b.date));
        return true;
    });
    if (added)
        await new AuditTrail(store).record(
            {
                by,
                via: 'teams',
                action: 'board.meeting',
                subject: {
                    kind: 'boardMeeting',
                    id: date,
                    name: `Board meeting on ${showDate(date, { weekday: true })}`,
                },
                summary: `Recorded a Board meeting on ${showDate(date, { weekday: true })}`,
                changes: [{ field: 'boardMeetings', after: date }],
            },
            now,
        );
    return added;
}
