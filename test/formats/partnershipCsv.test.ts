import assert from 'node:assert/strict';
import { isAppError } from '../../src/errors.js';
import {
    exportGroups,
    exportObjectives,
    exportRoster,
    importGroups,
    importObjectives,
    importRoster,
    neutraliseCell,
    readCell,
} from '../../src/formats/partnershipCsv.js';
import { sampleData } from '../helpers/fixtures.js';

/** The problems an import refused with (one line per problem, "row N: ..."). */
function refusal(run: () => unknown): string[] {
    try {
        run();
    } catch (err) {
        assert.ok(isAppError(err), `expected an AppError, got ${String(err)}`);
        return (err.details?.problems as string[] | undefined) ?? [err.message];
    }
    assert.fail('the import was not refused');
}

const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';

describe('groups, roster and objectives as CSV', () => {
    describe('importing groups', () => {
        it('adds new groups, updates existing ones by id, keeps aliases it is not given, defaults the cadence to 6', () => {
            const data = sampleData();
            const r = importGroups(
                data,
                csv(
                    'id,name,cadence_months,next_update_due',
                    'khog,Kent Housing Options Group,3,2027-03-11',
                    'new-group,A New Group,,2027-02-26',
                ),
            );
            const khog = r.value.find((g) => g.id === 'khog')!;
            assert.equal(khog.nextUpdateDue, '2027-03-11');
            assert.deepEqual(khog.aliases, ['KHOG']);
            const added = r.value.find((g) => g.id === 'new-group')!;
            assert.deepEqual(added, {
                id: 'new-group',
                name: 'A New Group',
                aliases: [],
                cadenceMonths: 6,
                nextUpdateDue: '2027-02-26',
                reports: true,
            });
            assert.equal(r.value.length, data.groups.length + 1);
            assert.match(r.summary[0], /1 added, 1 updated, 0 unchanged; 3 not in the file kept/);
        });

        it('reads optional aliases and reports columns, and a header in any case with a byte order mark', () => {
            const r = importGroups(
                sampleData(),
                '\ufeffID,Name,Cadence_Months,Next_Update_Due,Aliases,Reports\nkeep,Kent Energy Efficiency Partnership,,,KEEP; Energy,no\n',
            );
            assert.deepEqual(
                r.value.find((g) => g.id === 'keep'),
                {
                    id: 'keep',
                    name: 'Kent Energy Efficiency Partnership',
                    aliases: ['KEEP', 'Energy'],
                    cadenceMonths: 6,
                    reports: false,
                },
            );
        });

        const bad: [string, string, RegExp][] = [
            [
                'a cadence other than 3 or 6',
                'khog,KHOG,4,2027-03-11',
                /row 2: cadence_months must be 6 or 3 \(got "4"\)/,
            ],
            [
                'a date not written YYYY-MM-DD',
                'khog,KHOG,3,11/03/2027',
                /row 2: next_update_due must be a date written YYYY-MM-DD/,
            ],
            ['a date that does not exist', 'khog,KHOG,3,2027-02-30', /row 2: next_update_due must be a date/],
            ['an id with capitals', 'KHOG,KHOG,3,2027-03-11', /row 2: "KHOG" is not a valid id/],
            ['an empty name', 'khog,,3,2027-03-11', /row 2: the name is empty/],
        ];
        for (const [what, row, message] of bad) {
            it(`refuses ${what}, naming the row`, () => {
                const problems = refusal(() =>
                    importGroups(sampleData(), csv('id,name,cadence_months,next_update_due', row)),
                );
                assert.match(problems.join('\n'), message);
            });
        }

        it('refuses the same id twice, naming both rows', () => {
            const problems = refusal(() =>
                importGroups(
                    sampleData(),
                    csv('id,name,cadence_months,next_update_due', 'a,A,6,', 'b,B,6,', 'a,A again,6,'),
                ),
            );
            assert.deepEqual(problems, ['row 4: group "a" is already on row 2']);
        });

        it('refuses a file without a required column, or with an unknown one', () => {
            assert.match(
                refusal(() => importGroups(sampleData(), csv('id,name,cadence_months', 'a,A,6')))[0],
                /row 1: missing column next_update_due/,
            );
            assert.match(
                refusal(() =>
                    importGroups(sampleData(), csv('id,name,cadence_months,next_update_due,colour', 'a,A,6,,red')),
                )[0],
                /row 1: unknown column colour/,
            );
        });
    });

    describe('importing the roster', () => {
        const header = 'group_id,role,name,email,aad_object_id';

        it('replaces the roster; the manager has no group; roles are read loosely ("Vice-Chair")', () => {
            const r = importRoster(
                sampleData(),
                csv(
                    header,
                    ',manager,Morgan Ellis,morgan.ellis@example.com,',
                    'khog,Chair,Priya Shah,priya.shah@example.com,aad-1',
                    'khog,Vice-Chair,Chris Lane,Chris.Lane@example.com,',
                ),
            );
            assert.deepEqual(r.value, [
                { groupId: null, role: 'manager', name: 'Morgan Ellis', email: 'morgan.ellis@example.com' },
                {
                    groupId: 'khog',
                    role: 'chair',
                    name: 'Priya Shah',
                    email: 'priya.shah@example.com',
                    aadObjectId: 'aad-1',
                },
                { groupId: 'khog', role: 'vice_chair', name: 'Chris Lane', email: 'Chris.Lane@example.com' },
            ]);
            assert.match(r.summary[0], /3 people in 3 roles/);
            assert.match(r.notes.join('\n'), /no chair or vice-chair for: asset-management, private-sector-housing/);
        });

        it('refuses unknown group ids and roles, naming every bad row, and imports nothing', () => {
            const problems = refusal(() =>
                importRoster(
                    sampleData(),
                    csv(
                        header,
                        ',manager,Morgan Ellis,morgan.ellis@example.com,',
                        'khogg,chair,Priya Shah,priya.shah@example.com,',
                        'khog,treasurer,Pat Doe,pat@example.com,',
                        'khog,chair,No Mail,not-an-email,',
                    ),
                ),
            );
            assert.equal(problems.length, 3);
            assert.match(problems[0], /^row 3: unknown group id "khogg"/);
            assert.match(problems[1], /^row 4: unknown role "treasurer" \(chair, vice_chair, member or manager\)/);
            assert.match(problems[2], /^row 5: "not-an-email" is not an e-mail address/);
        });

        it('refuses a manager with a group, a chair without one, and the same person twice in one group', () => {
            const problems = refusal(() =>
                importRoster(
                    sampleData(),
                    csv(
                        header,
                        'khog,manager,Morgan Ellis,morgan.ellis@example.com,',
                        ',chair,Priya Shah,priya.shah@example.com,',
                        'khog,member,Jo Baker,jo@example.com,',
                        'khog,chair,Jo Baker,JO@example.com,',
                    ),
                ),
            );
            assert.deepEqual(problems, [
                'row 2: the partnership manager has no group: leave group_id empty',
                'row 3: a chair needs a group_id',
                'row 5: JO@example.com is already on row 4 for khog',
            ]);
        });
    });

    describe('importing objectives', () => {
        const header = 'ref,theme,text,group_id,contribution';

        it("folds one row per objective and group into the objective's contributions, and keeps an objective with no group", () => {
            const r = importObjectives(
                sampleData(),
                csv(
                    header,
                    'HW9,HW,Ensure housing is resilient,asset-management,For existing social housing',
                    'HW9,HW,Ensure housing is resilient,private-sector-housing,For existing private sector homes',
                    'A8,A,Challenge the stigma,,',
                    'hw5,hw,Promote the Fuel Poverty Strategy,asset-management,For social housing',
                ),
            );
            assert.deepEqual(r.value, [
                {
                    ref: 'HW9',
                    theme: 'HW',
                    text: 'Ensure housing is resilient',
                    contributions: [
                        { groupId: 'asset-management', contribution: 'For existing social housing' },
                        { groupId: 'private-sector-housing', contribution: 'For existing private sector homes' },
                    ],
                },
                { ref: 'A8', theme: 'A', text: 'Challenge the stigma', contributions: [] },
                {
                    ref: 'HW5',
                    theme: 'HW',
                    text: 'Promote the Fuel Poverty Strategy',
                    contributions: [{ groupId: 'asset-management', contribution: 'For social housing' }],
                },
            ]);
        });

        it('refuses an unknown theme, a reference of another theme, an unknown group, and a changed text, naming each row', () => {
            const problems = refusal(() =>
                importObjectives(
                    sampleData(),
                    csv(
                        header,
                        'HW9,HW,Ensure housing is resilient,asset-management,',
                        'XY1,XY,Something,khog,',
                        'A3,HW,Something else,khog,',
                        'HW9,HW,Ensure housing is resilient,nowhere,',
                        'HW9,HW,Another text,khog,',
                    ),
                ),
            );
            assert.match(problems[0], /^row 3: unknown theme "XY" \(HW, SH, I, HD, A\)/);
            assert.match(problems[1], /^row 4: A3 does not start with its theme's code HW/);
            assert.match(problems[2], /^row 5: unknown group id "nowhere"/);
            assert.match(problems[3], /^row 6: HW9 has a different text on row 2/);
        });
    });

    describe('exporting', () => {
        it('neutralises cells a spreadsheet would run as formulas, and reading them back restores the text', () => {
            const cases = [
                '=HYPERLINK("http://x")',
                '+44 1622 000000',
                '-5% rents',
                '@SUM(A1)',
                '\tindent',
                'plain',
                '2026-12-11',
                '',
            ];
            for (const c of cases) {
                const written = neutraliseCell(c);
                assert.equal(
                    /^[=+\-@\t]/.test(written),
                    false,
                    `${JSON.stringify(c)} is still formula-like: ${JSON.stringify(written)}`,
                );
                assert.equal(readCell(written), c);
            }
            assert.equal(neutraliseCell('=1+1'), "'=1+1");
        });

        it('a roster name that looks like a formula is exported with an apostrophe', () => {
            const data = sampleData();
            data.roster[1].name = '=cmd|calc';
            assert.match(exportRoster(data), /asset-management,chair,'=cmd\|calc,priya\.shah@example\.com/);
        });

        it('export then import gives back the same groups, roster and objectives', () => {
            const data = sampleData();
            data.objectives.push({
                ref: 'A8',
                theme: 'A',
                text: '- challenge, "stigma"\nacross Kent',
                contributions: [],
            });
            data.groups[0].aliases = ['KHOG', 'Housing Options'];
            assert.deepEqual(importGroups(data, exportGroups(data, true)).value, data.groups);
            assert.deepEqual(importRoster(data, exportRoster(data, true)).value, data.roster);
            assert.deepEqual(importObjectives(data, exportObjectives(data, true)).value, data.objectives);
        });

        it('writes one objectives row per objective and group, and one with no group for an objective no group reports on', () => {
            const data = sampleData();
            data.objectives.push({ ref: 'A8', theme: 'A', text: 'Challenge the stigma', contributions: [] });
            assert.equal(
                exportObjectives(data),
                'ref,theme,text,group_id,contribution\n' +
                    'HW9,HW,Ensure housing is resilient to the future changes in climate,asset-management,For existing social housing\n' +
                    'HW9,HW,Ensure housing is resilient to the future changes in climate,private-sector-housing,For existing private sector homes\n' +
                    'A8,A,Challenge the stigma,,\n',
            );
        });
    });
});
