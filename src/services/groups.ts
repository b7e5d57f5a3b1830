/**
 * Reading what the schedule needs from the store: the groups' stored progress updates. The rules are
 * the domain's (`domain/nextUpdate.ts`, `domain/schedule.ts`).
 */
import type { Group, StoreData } from '../domain/model.js';
import { groupUpdateStatus } from '../domain/nextUpdate.js';
import type { UpdateDoc } from '../domain/progress.js';
import type { OpenPeriod } from '../domain/reminderPlan.js';
import type { Store } from '../store/store.js';
import { updatesOf } from './progress.js';

/** The stored updates of the given groups (all groups when none are given), by group id. */
export async function updatesByGroup(
    store: Store,
    groupIds?: readonly string[],
): Promise<(groupId: string) => UpdateDoc[]> {
    const set = updatesOf(store);
    const docs = groupIds ? (await Promise.all(groupIds.map((id) => set.list(`${id}/`)))).flat() : await set.list();
    const byGroup = new Map<string, UpdateDoc[]>();
    for (const { data } of docs) {
        const list = byGroup.get(data.groupId) ?? [];
        list.push(data);
        byGroup.set(data.groupId, list);
    }
    return (groupId) => byGroup.get(groupId) ?? [];
}

/**
 * The schedule's answer for a reminder run (`ReminderDeps.openPeriods`), for each of `groups`: the
 * period the group reports for now (its oldest late one, else the one today falls in), its due date,
 * and whether it is submitted; undefined for a group that does not report. The stored updates are read
 * in one pass over the collection (one listing on Azure Blob Storage, whatever the number of groups),
 * not group by group.
 */
export async function openPeriodsOf(
    store: Store,
    groups: readonly Group[],
    data: Pick<StoreData, 'objectives' | 'closedPeriods'>,
    now: Date,
    zone: string,
): Promise<Map<string, OpenPeriod | undefined>> {
    const updates = groups.length === 0 ? () => [] : await updatesByGroup(store);
    const out = new Map<string, OpenPeriod | undefined>();
    for (const group of groups) {
        const status = groupUpdateStatus(data, group, updates(group.id), now, zone);
        out.set(
            group.id,
            status && { period: status.current.period, due: status.current.due, submitted: status.current.submitted },
        );
    }
    return out;
}

/** `openPeriodsOf` for one group, reading only that group's updates. */
export async function openPeriodOf(
    store: Store,
    group: Group,
    data: Pick<StoreData, 'objectives' | 'closedPeriods'>,
    now: Date,
    zone: string,
): Promise<OpenPeriod | undefined> {
    const updates = await updatesByGroup(store, [group.id]);
    const status = groupUpdateStatus(data, group, updates(group.id), now, zone);
    return status && { period: status.current.period, due: status.current.due, submitted: status.current.submitted };
}
