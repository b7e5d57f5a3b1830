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
 * The schedule's answer for a reminder run (`ReminderDeps.openPeriod`): the period the group reports
 * for now (its oldest late one, else the one today falls in), its due date, and whether it is
 * submitted. Undefined for a group that does not report.
 */
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
