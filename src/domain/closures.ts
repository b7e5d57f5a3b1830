/**
 * Which groups' updates the partnership manager has closed. A closure names one group's update for one
 * period; a closure recorded before closing was per group names only the month and covers every group.
 * Reopened closures stay in the store as the audit trail but no longer count.
 */
import type { PeriodClosure, StoreData } from './model.js';

/** The closures in force: recorded and not reopened. */
export function activeClosures(data: Pick<StoreData, 'closedPeriods'>): PeriodClosure[] {
    return data.closedPeriods.filter((c) => !c.reopenedAt);
}

/** The periods (YYYY-MM) of the group's updates that are closed. */
export function closedPeriodsOf(data: Pick<StoreData, 'closedPeriods'>, groupId: string): string[] {
    return activeClosures(data)
        .filter((c) => c.groupId === undefined || c.groupId === groupId)
        .map((c) => c.period);
}

/** True when the group's update for the period is closed. */
export function isUpdateClosed(data: Pick<StoreData, 'closedPeriods'>, groupId: string, period: string): boolean {
    return closedPeriodsOf(data, groupId).includes(period);
}
