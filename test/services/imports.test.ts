import assert from 'node:assert/strict';
import { groupNamedBy } from '../../src/services/imports.js';
import { sampleData } from '../helpers/fixtures.js';

describe('the group an action plan names', () => {
    it('is the one group its file name or title names, and none when it names none or two', () => {
        const { groups } = sampleData();
        const cases: [string, string, string | undefined][] = [
            ['KHOG action plan.xlsx', '', 'khog'],
            ['asset-management-action-plan.csv', '', 'asset-management'],
            ['plan 2026.xlsx', 'Asset Management Group – Action Plan 2021/22', 'asset-management'],
            ['Action plan 2021-22.xlsx', 'Action plan 2021/22', undefined],
            ['KHOG and Asset Management plan.csv', '', undefined],
            ['khog.csv', 'Private Sector Housing action plan', undefined],
        ];
        for (const [fileName, title, expected] of cases)
            assert.equal(groupNamedBy(groups, fileName, title)?.id, expected, `${fileName} / ${title}`);
    });
});
