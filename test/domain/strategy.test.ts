import assert from 'node:assert/strict';
import { readTimescale, readUpdateState } from '../../src/domain/actionPlan.js';
import { columnOf } from '../../src/formats/actionPlanFile.js';
import type { Milestone } from '../../src/domain/model.js';
import { objectiveGaps, objectiveMatrix, suggestRag } from '../../src/domain/strategy.js';
import { sampleData } from '../helpers/fixtures.js';

describe('the strategy', () => {
    describe('timescales as the papers write them', () => {
        const cases: [string, ReturnType<typeof readTimescale>][] = [
            ['December 2020', { ongoing: false, target: '2020-12' }],
            ['Dec 2019', { ongoing: false, target: '2019-12' }],
            ['Sept 2021', { ongoing: false, target: '2021-09' }],
            ['Reviewed in March 2020', { ongoing: false, target: '2020-03' }],
            ['by 15 March 2021', { ongoing: false, target: '2021-03-15' }],
            ['15/03/2021', { ongoing: false, target: '2021-03-15' }],
            ['On-going', { ongoing: true }],
            ['On- going', { ongoing: true }],
            ['On-going with quarterly reviews', { ongoing: true }],
            ['Ongoing', { ongoing: true }],
            ['', { ongoing: false }],
            ['Decembe20 19', undefined],
            ['2021', undefined],
            ['31/02/2021', undefined],
            ['Smarch 2020', undefined],
        ];
        for (const [text, expected] of cases)
            it(`"${text}" reads as ${JSON.stringify(expected)}`, () => assert.deepEqual(readTimescale(text), expected));
    });

    describe("states from an update's wording", () => {
        const cases: [string, string, boolean][] = [
            ['Completed', 'done', false],
            ['Completed but still under review.', 'done', false],
            ['Implemented – reviewed in Sept 2021', 'done', false],
            ['On-going DA and SG coordinator has been embedded.', 'on_track', false],
            ['Deferred pending outcome of research into schools programme.', 'slipped', false],
            ['No longer needed', 'dropped', false],
            ['We continue to make referrals and service is operational', 'on_track', true],
            ['', 'not_started', true],
        ];
        for (const [text, state, assumed] of cases)
            it(`"${text.slice(0, 30)}" is ${state}${assumed ? ' (assumed)' : ''}`, () =>
                assert.deepEqual(readUpdateState(text), { state, assumed }));
    });

    it('finds the columns by their headings', () => {
        assert.equal(columnOf('Update Feb 2022'), 'update');
        assert.equal(columnOf('Progress to 30 June 2009'), 'update');
        assert.equal(columnOf('Objective'), 'reference');
        assert.equal(columnOf('Milestones'), 'outcomes');
        assert.equal(columnOf('Target'), 'timescale');
        assert.equal(columnOf('Notes'), undefined);
    });

    describe('the RAG suggested from milestones', () => {
        const m = (over: Partial<Milestone>): Milestone => ({
            id: 'g-1',
            ref: 'HW9',
            groupId: 'g',
            description: 'x',
            outcomes: '',
            lead: '',
            timescale: '',
            ongoing: false,
            state: 'on_track',
            stateAssumed: false,
            update: '',
            updateLabel: '',
            history: [],
            ...over,
        });
        const today = '2026-12-10';
        it('none without a live milestone', () => {
            assert.equal(suggestRag([], today), undefined);
            assert.equal(suggestRag([m({ state: 'dropped', target: '2020-01' })], today), undefined);
        });
        it('red when a milestone not done is past its target (the month counts to its last day)', () => {
            assert.equal(suggestRag([m({ target: '2026-11' })], today)?.rag, 'red');
            assert.equal(suggestRag([m({ target: '2026-12' })], today)?.rag, 'green');
        });
        it('red when slipped with no new date; amber when slipped to a date still ahead', () => {
            assert.equal(suggestRag([m({ state: 'slipped' })], today)?.rag, 'red');
            assert.equal(
                suggestRag([m({ state: 'slipped', target: '2026-06', newTarget: '2027-06' })], today)?.rag,
                'amber',
            );
            assert.equal(suggestRag([m({ state: 'slipped', newTarget: '2026-10' })], today)?.rag, 'red');
        });
        it('green when every live milestone is done or on course', () => {
            assert.equal(
                suggestRag([m({ state: 'done', target: '2020-01' }), m({ ongoing: true })], today)?.rag,
                'green',
            );
        });
    });

    it('the matrix has a column per reporting group and marks objectives no group has taken on', () => {
        const d = sampleData();
        d.objectives.push({ ref: 'A8', theme: 'A', text: 'Challenge the stigma', contributions: [] });
        const matrix = objectiveMatrix(d);
        assert.deepEqual(
            matrix.groups.map((g) => g.id),
            ['khog', 'asset-management', 'private-sector-housing'],
        );
        assert.deepEqual(matrix.rows[0].cells, [
            undefined,
            'For existing social housing',
            'For existing private sector homes',
        ]);
        assert.equal(matrix.rows[1].gap, true);
        assert.equal(matrix.gaps, 1);
        assert.deepEqual(
            objectiveGaps(d).map((o) => o.ref),
            ['A8'],
        );
    });
});
