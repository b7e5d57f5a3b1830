/**
 * Importing a group's action plan: the one use case behind `khg-bot import actions GROUP FILE` and an
 * action plan the partnership manager sends in Teams. Every row becomes a milestone of the group's
 * contribution to the objective it names (`mapActionPlan`); the group's milestones the plan does not
 * list are kept. All or nothing: a plan with any row that cannot be mapped changes nothing.
 */
import { mapActionPlan, type ActionPlanTable, type MappedPlan } from '../domain/actionPlan.js';
import type { StoreData } from '../domain/model.js';
import { AppError } from '../errors.js';

/** Problems listed in an error message before "...and N more". */
const MAX_LISTED = 30;

/**
 * Maps the plan onto the group's milestones and, when every row maps, replaces the group's milestones
 * in `data` (a draft inside a store transaction) with the result. `by` is recorded in each changed
 * milestone's history; `label` names the file in the error. Throws AppError `actions.invalid` (with
 * `details.problems`, one line per row by its number) and leaves `data` as it was when any row cannot
 * be mapped.
 */
export function importActionPlan(
    data: StoreData,
    groupId: string,
    table: ActionPlanTable,
    by: string,
    now: Date,
    label: string,
): MappedPlan {
    const mapped = mapActionPlan(data, groupId, table, by, now);
    if (mapped.problems.length > 0) {
        const listed = mapped.problems.slice(0, MAX_LISTED).map((p) => `  ${p}`);
        if (mapped.problems.length > MAX_LISTED) listed.push(`  ...and ${mapped.problems.length - MAX_LISTED} more`);
        throw new AppError(
            'actions.invalid',
            `${mapped.problems.length === 1 ? 'A row' : `${mapped.problems.length} rows`} of ${label} could not be mapped, so nothing was imported:\n${listed.join('\n')}`,
            { problems: mapped.problems },
        );
    }
    data.milestones = [...data.milestones.filter((m) => m.groupId !== groupId), ...mapped.milestones];
    return mapped;
}
