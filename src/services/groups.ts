/**
 * Reading what the schedule needs from the store: the groups' stored progress updates. The rules are
 * the domain's (`domain/nextUpdate.ts`, `domain/schedule.ts`).
 */
import type { UpdateDoc } from '../domain/progress.js';
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
