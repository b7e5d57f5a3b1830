/**
 * The strategy's questions answered from the store: an objective with what each contributing group
 * last reported about it. Each group's updates are read newest first, stopping at the first that was
 * submitted, so the cost does not grow with history.
 */
import type { Objective } from '../domain/model.js';
import { submittedVersion } from '../domain/progress.js';
import { objectiveView, type LatestReport, type ObjectiveView } from '../domain/strategy.js';
import type { Store } from '../store/store.js';
import { updatesOf } from './progress.js';

/** Each group's latest submitted update, by group id (read once per group). */
export async function latestReports(
    store: Store,
    groupIds: readonly string[],
): Promise<(groupId: string, ref: string) => LatestReport | undefined> {
    const updates = updatesOf(store);
    const found = new Map<string, { period: string; version: NonNullable<ReturnType<typeof submittedVersion>> }>();
    for (const groupId of new Set(groupIds)) {
        for (const key of (await updates.keys(`${groupId}/`)).reverse()) {
            const doc = await updates.get(key);
            const v = doc && submittedVersion(doc);
            if (v) {
                found.set(groupId, { period: doc.period, version: v });
                break;
            }
        }
    }
    return (groupId, ref) => {
        const f = found.get(groupId);
        const section = f?.version.sections.find((s) => s.ref === ref);
        if (!f || !section) return undefined;
        return {
            period: f.period,
            text: section.text,
            rag: section.rag,
            noChange: section.noChange,
            submittedBy: f.version.by.name,
            submittedAt: f.version.at,
        };
    };
}

/** One objective with every contribution, its latest report, milestones and open help requests. */
export async function describeObjective(store: Store, objective: Objective): Promise<ObjectiveView> {
    const latest = await latestReports(
        store,
        objective.contributions.map((c) => c.groupId),
    );
    return objectiveView(store.read(), objective, latest);
}
