/**
 * "What's my group's next update?": for a group, the period it reports for now (or the late one it
 * still owes), the objectives it reports on with its own contribution, what it said last time, and
 * where this period's update stands. Also "which groups are late?". Pure: the caller passes the
 * group's stored updates, `now` and the partnership's time zone.
 */
import { closedPeriodsOf } from './closures.js';
import type { Group, Objective, RosterEntry, StoreData } from './model.js';
import type { Person } from './people.js';
import {
    objectivesOf,
    submittedVersion,
    updateState,
    type UpdateDoc,
    type UpdateState,
    type UpdateVersion,
} from './progress.js';
import {
    isScheduled,
    outstandingPeriods,
    periodAfter,
    type CurrentPeriod,
    type ScheduledGroup,
    type SchedulePeriod,
} from './schedule.js';

export interface GroupUpdateStatus {
    group: Group & ScheduledGroup;
    /** The period the group reports for now: its oldest late one, else the one today falls in. */
    current: CurrentPeriod;
    /** Other periods still owed after the current one (late ones, then the one today falls in). */
    alsoOwed: CurrentPeriod[];
    /** The period after the current one. */
    following: SchedulePeriod;
    /** Where the current period's update stands: not started, draft saved, submitted. */
    state: UpdateState;
    objectives: (Objective & { contribution: string })[];
    /** The group's last submitted update before the current period: what it said last time. */
    lastTime?: { period: string; version: UpdateVersion };
}

/** A late group and the people to chase: its chair(s) and vice-chair(s). */
export interface LateGroup {
    status: GroupUpdateStatus;
    chairs: RosterEntry[];
}

/**
 * The group's update status, from its stored updates (any periods). Undefined for a group that does
 * not report or has no due date.
 */
export function groupUpdateStatus(
    data: Pick<StoreData, 'objectives' | 'closedPeriods'>,
    group: Group,
    updates: readonly UpdateDoc[],
    now: Date,
    zone: string,
): GroupUpdateStatus | undefined {
    if (!isScheduled(group)) return undefined;
    const mine = updates.filter((u) => u.groupId === group.id);
    const submitted = mine.filter((u) => submittedVersion(u)).map((u) => u.period);
    const closed = closedPeriodsOf(data, group.id);
    const [current, ...alsoOwed] = outstandingPeriods(group, submitted, now, zone, closed);
    const last = mine
        .filter((u) => u.period < current.period)
        .sort((a, b) => b.period.localeCompare(a.period))
        .map((u) => ({ period: u.period, version: submittedVersion(u) }))
        .find((u) => u.version);
    return {
        group,
        current,
        alsoOwed,
        following: periodAfter(group, current),
        state: updateState(mine.find((u) => u.period === current.period)),
        objectives: objectivesOf(data, group.id),
        lastTime: last ? { period: last.period, version: last.version! } : undefined,
    };
}

/** The reporting groups the person belongs to (as chair, vice-chair or member), in roster order. */
export function reportingGroupsOf(groups: readonly Group[], person: Person): Group[] {
    const ids = [...new Set(person.entries.filter((e) => e.groupId).map((e) => e.groupId!))];
    return ids.map((id) => groups.find((g) => g.id === id)).filter((g): g is Group => Boolean(g && isScheduled(g)));
}

/**
 * Every reporting group that is late with an update, most late first, with its chair and
 * vice-chair. `updatesOf` gives a group's stored updates.
 */
export function lateGroups(
    data: Pick<StoreData, 'groups' | 'roster' | 'objectives' | 'closedPeriods'>,
    updatesOf: (groupId: string) => readonly UpdateDoc[],
    now: Date,
    zone: string,
): LateGroup[] {
    return data.groups
        .map((g) => groupUpdateStatus(data, g, updatesOf(g.id), now, zone))
        .filter((s): s is GroupUpdateStatus => Boolean(s?.current.late))
        .sort((a, b) => a.current.daysUntilDue - b.current.daysUntilDue || a.group.name.localeCompare(b.group.name))
        .map((status) => ({
            status,
            chairs: data.roster.filter(
                (e) => e.groupId === status.group.id && (e.role === 'chair' || e.role === 'vice_chair'),
            ),
        }));
}

/** Every reporting group's status, soonest due first (late ones first of all): the manager's overview. */
export function allGroupStatuses(
    data: Pick<StoreData, 'groups' | 'objectives' | 'closedPeriods'>,
    updatesOf: (groupId: string) => readonly UpdateDoc[],
    now: Date,
    zone: string,
): GroupUpdateStatus[] {
    return data.groups
        .map((g) => groupUpdateStatus(data, g, updatesOf(g.id), now, zone))
        .filter((s): s is GroupUpdateStatus => Boolean(s))
        .sort((a, b) => a.current.daysUntilDue - b.current.daysUntilDue || a.group.name.localeCompare(b.group.name));
}
