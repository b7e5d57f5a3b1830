/** Reading questions about the register: filters in a due-list question, and which document is named. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { storeDataSchema, type StoreData } from '../../src/domain/model.js';
import {
    documentQuery,
    findProtocol,
    horizonIn,
    lookupProtocol,
    parseDueQuestion,
} from '../../src/domain/registerQuestions.js';
import { doc } from '../helpers/protocols.js';

const seed: StoreData = storeDataSchema.parse(
    JSON.parse(fs.readFileSync(new URL('../../data/seed.json', import.meta.url), 'utf8')),
);
const TODAY = '2026-11-23';

describe('questions about the register', () => {
    describe('filters in a due-list question', () => {
        const ask = (text: string, asker: { groupIds?: string[]; isManager?: boolean } = {}) =>
            parseDueQuestion(text, seed.groups, asker, TODAY);

        it('"which of KHOG\'s protocols are due?" narrows to KHOG', () => {
            const q = ask("which of KHOG's protocols are due?");
            assert.deepEqual(q.filter.groupIds, ['khog']);
            assert.equal(q.scope, "KHOG's");
        });

        it('names several groups by their short names or names, in the order given', () => {
            assert.deepEqual(ask('anything due for Tenancy Management or the Homechoice group?').filter.groupIds, [
                'tenancy-management',
                'homechoice',
            ]);
            assert.deepEqual(ask('what does the Kent Housing Options Group have overdue').filter.groupIds, ['khog']);
        });

        it('"our protocols" means the asker\'s own groups', () => {
            const q = ask('which of our protocols are due for review?', { groupIds: ['asset-management', 'khog'] });
            assert.deepEqual(q.filter.groupIds, ['asset-management', 'khog']);
            assert.equal(q.scope, "your groups'");
            assert.deepEqual(ask('are my protocols overdue', { groupIds: ['khog'] }).filter.groupIds, ['khog']);
        });

        it('"our" from the manager, or someone in no group, is the whole register, and says so', () => {
            const m = ask('which of our protocols are due?', { groupIds: [], isManager: true });
            assert.equal(m.filter.groupIds, undefined);
            assert.match(m.note!, /partnership manager/);
            const guest = ask('which of our protocols are due?');
            assert.equal(guest.filter.groupIds, undefined);
            assert.match(guest.note!, /not in any group/);
        });

        it('"KHG" is the partnership, not a filter; "the Board" is a group', () => {
            assert.equal(ask('which KHG protocols are due for review?').filter.groupIds, undefined);
            assert.deepEqual(ask("which of the Board's documents are due?").filter.groupIds, ['khg']);
        });

        it('forgives a typo in a long group name', () => {
            assert.deepEqual(ask('which of the Asset Managment protocols are overdue').filter.groupIds, [
                'asset-management',
            ]);
        });

        it('"overdue" alone asks for overdue only; with "soon" or a horizon it does not', () => {
            assert.equal(ask('which protocols are overdue?').filter.overdueOnly, true);
            assert.equal(ask('anything late?').filter.overdueOnly, true);
            assert.equal(ask('what is overdue or due soon?').filter.overdueOnly, undefined);
            assert.equal(ask('what is overdue or due in the next 3 months').filter.overdueOnly, undefined);
            assert.equal(ask('which protocols are due for review?').filter.overdueOnly, undefined);
        });

        const horizons: [string, { months?: number; days?: number } | undefined][] = [
            ['due in the next six months', { months: 6 }],
            ['anything due within the next 3 months?', { months: 3 }],
            ['what is coming up next month', { months: 1 }],
            ['due over the next two weeks', { days: 14 }],
            ['due in the next year', { months: 12 }],
            ['due in the next 18 months', { months: 18 }],
            ['what is due this year', { days: 38 }],
            ['which protocols are due for review', undefined],
        ];
        for (const [text, period] of horizons) {
            it(`"${text}" has the horizon ${JSON.stringify(period)}`, () => {
                assert.deepEqual(horizonIn(text, TODAY)?.period, period);
            });
        }
    });

    describe('finding the document a question names', () => {
        const find = (text: string) => findProtocol(seed.protocols, text);
        const found = (text: string, id: string) =>
            it(`"${text}" finds ${id}`, () => {
                const r = find(text);
                assert.equal(r.kind, 'found', JSON.stringify(r));
                assert.equal(r.kind === 'found' && r.protocol.id, id);
            });

        found('tell me about the KRS', 'reciprocal-scheme');
        found('when is the young persons protocol due for review?', 'young-persons-protocol');
        found('who owns the pre-eviction protocol?', 'pre-eviction-protocol');
        found('when was the TA protocol last reviewed', 'temporary-accommodation-protocol');
        found('tell me about the virtual letings guide', 'virtual-lettings-guide');
        found('who owns the kent planning protocol pls', 'kent-planning-protocol');
        found('tell me about Delivering Growth', 'kent-planning-protocol');
        found('info on duty-to-refer-protocol', 'duty-to-refer-protocol');
        found('who is responsible for the fuel poverty strategy', 'fuel-poverty-strategy');

        it('offers a choice when several documents match about as well', () => {
            const r = find('tell me about Better Homes');
            assert.equal(r.kind, 'ambiguous');
            assert.deepEqual(r.kind === 'ambiguous' && r.candidates.map((p) => p.id).sort(), [
                'accessible-housing-framework',
                'housing-for-the-third-age',
                'social-care-accommodation-strategy',
            ]);
        });

        it('finds nothing for a name that is not in the register, and says what it looked for', () => {
            const r = find('tell me about the zebra crossing charter');
            assert.equal(r.kind, 'none');
            assert.equal(r.kind === 'none' && r.query, 'zebra crossing charter');
        });

        it('finds nothing when the question names no document at all', () => {
            assert.equal(find('tell me about the protocol').kind, 'none');
            assert.equal(find('when is it due?').kind, 'none');
        });

        it('an exact short name wins even when fuzzy matches are close', () => {
            const register = [
                doc('alpha', { title: 'Alpha housing protocol', aliases: ['AHP'] }),
                doc('alpha-2', { title: 'Alpha housing protocols annex' }),
            ];
            const r = findProtocol(register, 'tell me about the Alpha housing protocol');
            assert.equal(r.kind === 'found' && r.protocol.id, 'alpha');
        });

        it('a document the recogniser named is the one meant, even where the fuzzy look-up hesitates', () => {
            assert.equal(findProtocol(seed.protocols, 'tell me about the viabilty protocl').kind, 'ambiguous');
            const r = lookupProtocol(seed.protocols, 'tell me about the viabilty protocl', ['viability-protocol']);
            assert.equal(r.kind === 'found' && r.protocol.id, 'viability-protocol');
        });

        it('several documents named are a choice between them; none named falls back to the look-up', () => {
            const r = lookupProtocol(seed.protocols, 'the young persons protocol and the KRS', [
                'young-persons-protocol',
                'reciprocal-scheme',
                'reciprocal-scheme',
            ]);
            assert.deepEqual(r.kind === 'ambiguous' && r.candidates.map((p) => p.id), [
                'young-persons-protocol',
                'reciprocal-scheme',
            ]);
            assert.equal(lookupProtocol(seed.protocols, 'tell me about the zebra crossing charter', []).kind, 'none');
            assert.equal(
                lookupProtocol(seed.protocols, 'tell me about the KRS', ['no-longer-in-the-register']).kind,
                'found',
            );
        });

        it('strips the question around the name', () => {
            assert.equal(documentQuery("When's the young persons protocol due for review?"), 'young persons protocol');
            assert.equal(documentQuery('who owns the pre-eviction protocol?'), 'pre-eviction protocol');
        });
    });
});
