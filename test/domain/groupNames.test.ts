import assert from 'node:assert/strict';
import fs from 'node:fs';
import { groupFinder, normaliseName } from '../../src/domain/groupNames.js';
import type { StoreData } from '../../src/domain/model.js';

const seed = JSON.parse(fs.readFileSync(new URL('../../data/seed.json', import.meta.url), 'utf8')) as StoreData;

describe('finding the groups a message names', () => {
    const finder = groupFinder(seed.groups);
    const cases: [string, string[]][] = [
        ["KHOG's next update", ['khog']],
        ['when is khog’s report due', ['khog']],
        ['KHDG next update', ['khdg']], // one letter from KHOG: must not be taken for it
        ['when is asset managment due?', ['asset-management']], // typo in a long name
        ['Private Sector Housng next update pls', ['private-sector-housing']],
        ['what about the Kent Housing Options Group', ['khog']],
        ['housing options next report', ['khog']],
        ['tenancy management', ['tenancy-management']],
        ['Strategy and Enabling next update', ['strategy-enabling']],
        ['homechoice', ['homechoice']],
        ['how are KHOG and PSH doing', ['khog', 'private-sector-housing']],
        ["what's my group's next update?", []],
        ['when is our report due', []],
        ['which groups are late?', []],
        ['what do I need to report on', []],
        ['the housing strategy', []], // the strategy document, not "Housing Strategy and Enabling"
        ['options', []],
        ['kohg', []], // a short name must be spelled right
    ];
    for (const [text, ids] of cases) {
        it(`"${text}" names ${ids.length ? ids.join(' and ') : 'no group'}`, () => {
            assert.deepEqual(
                finder.find(text).map((g) => g.id),
                ids,
            );
        });
    }

    it('answers the same when asked again, and knows a group added to a new list of groups at once', () => {
        const once = cases.map(([text]) => finder.find(text).map((g) => g.id));
        const again = cases.map(([text]) =>
            groupFinder(seed.groups)
                .find(text)
                .map((g) => g.id),
        );
        assert.deepEqual(again, once);
        assert.deepEqual(groupFinder(seed.groups).find('Coastal Lettings Panel next update'), []);
        // A write replaces the stored list of groups: the new list's finder knows the new group.
        const added = [
            ...seed.groups,
            { ...seed.groups[0], id: 'coastal-lettings', name: 'Coastal Lettings Panel', aliases: [] },
        ];
        assert.deepEqual(
            groupFinder(added)
                .find('Coastal Lettings Panel next update')
                .map((g) => g.id),
            ['coastal-lettings'],
        );
        assert.deepEqual(
            groupFinder(added)
                .find('Coastal Letings Panel next update')
                .map((g) => g.id),
            ['coastal-lettings'],
        );
    });

    it('normalises possessives, punctuation and case', () => {
        assert.equal(normaliseName("KHOG's  next-update?"), 'khog next update');
    });
});
