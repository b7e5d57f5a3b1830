/**
 * A group's action plan for tests: the sample partnership with the objectives seed 004's rows serve
 * (HW5 and HW9 taken on by Asset Management, A8 by no group), and action plan files made from seed
 * 004's own rows (and one of seed 001's), retyped as data: a good one and one with two bad rows.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreData } from '../../src/domain/model.js';
import { sampleData } from './fixtures.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'fixtures');

/** Nine rows for Asset Management, all of which map. */
export const GOOD_ACTION_PLAN = path.join(FIXTURES, 'seed004-actions.csv');
/** The same rows with two that cannot be mapped: row 5 (an unreadable timescale) and row 6 (A8, not the group's). */
export const BAD_ACTION_PLAN = path.join(FIXTURES, 'seed004-actions-bad.csv');

export function actionPlanData(overrides: Partial<StoreData> = {}): StoreData {
    const d = sampleData(overrides);
    d.objectives.push(
        {
            ref: 'HW5',
            theme: 'HW',
            text: 'Promote and support the objectives of the Kent Fuel Poverty Strategy and the Kent Environment Strategy',
            contributions: [{ groupId: 'asset-management', contribution: 'For social housing' }],
        },
        {
            ref: 'A8',
            theme: 'A',
            text: 'Challenge the stigma associated with regards to social or affordable housing',
            contributions: [],
        },
    );
    return d;
}
