/**
 * The seed data (data/seed.json) against what the source papers say: the protocol register (seed 000),
 * the strategy and reporting paper (seed 002) and the Kent reciprocal scheme (seed 003).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { storeDataSchema, type Protocol, type StoreData } from '../../src/domain/model.js';

const SEED_URL = new URL('../../data/seed.json', import.meta.url);

/**
 * Surnames of the real people the papers name (seed 000: advisers consulted; seed 002: a meeting
 * attendee; seed 003: the KRS appendix contacts). None may appear in the seed data.
 */
const REAL_SURNAMES = [
    // seed 000 and 002
    'Thomas',
    'Fenton',
    'Anthony',
    'Allison',
    // seed 003, Appendix 1
    "O'Shea",
    'Sturgeon',
    'McCourt',
    'Wright',
    'Carter',
    'Toye',
    'Keeling',
    'Damiral',
    'Clifton',
    'Wilders',
    'Merritt',
];
/** "May" is also a month, so that contact is checked by full name. */
const REAL_FULL_NAMES = ['Rachel May', 'Simon Thomas', 'Nick Fenton', 'Mel Anthony', 'Tracy Allison'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every string value in a JSON value, with its path. */
function strings(value: unknown, path = '$'): { path: string; text: string }[] {
    if (typeof value === 'string') return [{ path, text: value }];
    if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
    if (value && typeof value === 'object')
        return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
    return [];
}

describe('seed data (data/seed.json)', () => {
    let raw: unknown;
    let seed: StoreData;
    const protocol = (id: string): Protocol => {
        const p = seed.protocols.find((x) => x.id === id);
        assert.ok(p, `no protocol "${id}" in the seed`);
        return p;
    };

    before(() => {
        raw = JSON.parse(fs.readFileSync(SEED_URL, 'utf8'));
        seed = storeDataSchema.parse(raw);
    });

    describe('when the file is validated against the store schema', () => {
        it('is valid store data at the current schema version with every group reference resolved', () => {
            const result = storeDataSchema.safeParse(raw);
            assert.ok(result.success, result.success ? '' : JSON.stringify(result.error.issues, null, 2));
            assert.equal(seed.schemaVersion, 1);
        });

        it('is pretty-printed with a two-space indent', () => {
            const text = fs.readFileSync(SEED_URL, 'utf8');
            assert.equal(text.trimEnd(), JSON.stringify(raw, null, 2));
        });
    });

    describe('when a reader checks the strategy (seed 002)', () => {
        it('holds the five themes with their codes', () => {
            assert.deepEqual(
                seed.themes.map((t) => [t.code, t.name]),
                [
                    ['HW', 'Health and Wellbeing'],
                    ['SH', 'Working together for safer homes'],
                    ['I', 'Infrastructure first'],
                    ['HD', 'Accelerating housing delivery'],
                    ['A', 'Affordability'],
                ],
            );
        });

        it('holds exactly the quoted objectives HW5, HW9 and A8', () => {
            assert.deepEqual(seed.objectives.map((o) => o.ref).sort(), ['A8', 'HW5', 'HW9']);
        });

        it('gives HW9 three contributing groups, each with its own part', () => {
            const hw9 = seed.objectives.find((o) => o.ref === 'HW9')!;
            assert.equal(hw9.theme, 'HW');
            assert.match(hw9.text, /prevent overheating/);
            assert.deepEqual(
                hw9.contributions.map((c) => [c.groupId, c.contribution]),
                [
                    ['asset-management', 'For existing social housing'],
                    ['private-sector-housing', 'For existing private sector homes'],
                    ['strategy-enabling', 'How it can influence this for planned homes'],
                ],
            );
        });

        it('gives HW5 to Asset Management for social housing and A8 to no group', () => {
            const hw5 = seed.objectives.find((o) => o.ref === 'HW5')!;
            assert.deepEqual(hw5.contributions, [{ groupId: 'asset-management', contribution: 'For social housing' }]);
            const a8 = seed.objectives.find((o) => o.ref === 'A8')!;
            assert.equal(a8.theme, 'A');
            assert.equal(a8.text, 'Challenge the stigma associated with regards to social or affordable housing');
            assert.deepEqual(a8.contributions, []);
        });
    });

    describe('when a reader checks the groups', () => {
        it('has the nine reporting sub-groups, KHOG quarterly and the rest six-monthly, each with a due date', () => {
            const reporting = seed.groups.filter((g) => g.reports);
            assert.deepEqual(reporting.map((g) => g.id).sort(), [
                'asset-management',
                'hhsc',
                'homechoice',
                'khdg',
                'khog',
                'kpog',
                'private-sector-housing',
                'strategy-enabling',
                'tenancy-management',
            ]);
            for (const g of reporting) {
                assert.equal(g.cadenceMonths, g.id === 'khog' ? 3 : 6, g.id);
                assert.ok(g.nextUpdateDue, `${g.id} has no nextUpdateDue`);
            }
        });

        it('has the document-owning partner bodies as non-reporting groups without a due date', () => {
            for (const id of ['keep', 'kcc', 'jppb', 'khg']) {
                const g = seed.groups.find((x) => x.id === id);
                assert.ok(g, id);
                assert.equal(g.reports, false, id);
                assert.equal(g.nextUpdateDue, undefined, id);
            }
        });
    });

    describe('when a reader checks the protocol register (seed 000)', () => {
        it('lists the 19 documents on the website and the three off it', () => {
            assert.equal(seed.protocols.filter((p) => p.onWebsite).length, 19);
            assert.deepEqual(
                seed.protocols
                    .filter((p) => !p.onWebsite)
                    .map((p) => p.id)
                    .sort(),
                [
                    'domestic-abuse-mutual-exchange-protocol',
                    'intentionally-homeless-protocol',
                    'mental-health-discharge-protocol',
                ],
            );
        });

        it('keeps the KRS with its own review date, annual cycle and short name (seed 003)', () => {
            const krs = protocol('reciprocal-scheme');
            assert.equal(krs.nextReview, '2021-09');
            assert.equal(krs.reviewCycleMonths, 12);
            assert.ok(krs.aliases.includes('KRS'));
            assert.equal(krs.lastReviewed, '2020');
            assert.deepEqual(krs.ownerGroups, ['khog']);
        });

        it('dates the pre-eviction protocol August 2020 and gives it to KHOG and Tenancy Management', () => {
            const pre = protocol('pre-eviction-protocol');
            assert.equal(pre.published, '2020-08');
            assert.deepEqual([...pre.ownerGroups].sort(), ['khog', 'tenancy-management']);
        });

        it('keeps dates at the precision the paper gives, and none where it gives none', () => {
            assert.equal(protocol('virtual-lettings-guide').published, '2020');
            assert.equal(protocol('virtual-lettings-guide').lastReviewed, '2021-02');
            assert.equal(protocol('accessible-housing-framework').published, '2013-11');
            assert.equal(protocol('viability-protocol').published, '2013');
            assert.equal(protocol('temporary-accommodation-protocol').lastReviewed, '2018');
            for (const id of ['rural-affordable-homes-guide', 'young-persons-protocol', 'agency-assessment-form']) {
                assert.equal(protocol(id).published, undefined, id);
                assert.equal(protocol(id).lastReviewed, undefined, id);
            }
        });

        it('marks the Kent Planning Protocol as the only key document', () => {
            assert.deepEqual(
                seed.protocols.filter((p) => p.key).map((p) => p.id),
                ['kent-planning-protocol'],
            );
            assert.equal(protocol('kent-planning-protocol').title, 'Delivering Growth, The Kent Planning Protocol');
        });

        it('has the domestic abuse mutual exchange protocol as the only draft', () => {
            assert.deepEqual(
                seed.protocols.filter((p) => p.status === 'draft').map((p) => p.id),
                ['domestic-abuse-mutual-exchange-protocol'],
            );
        });

        it('names who leads every review under way', () => {
            const underReview = seed.protocols.filter((p) => p.status === 'under_review');
            assert.ok(underReview.length >= 7, `only ${underReview.length} under review`);
            for (const p of underReview) assert.ok(p.reviewLead?.trim(), `${p.id} is under review with no reviewLead`);
            assert.equal(protocol('young-persons-protocol').reviewLead, 'KHOG and KCC');
        });

        it('gives the fuel poverty strategy to KEEP and the KAAF its short name', () => {
            assert.deepEqual(protocol('fuel-poverty-strategy').ownerGroups, ['keep']);
            assert.ok(protocol('agency-assessment-form').aliases.includes('KAAF'));
        });

        it('gives no two documents the same short name', () => {
            const seen = new Map<string, string>();
            for (const p of seed.protocols) {
                for (const a of p.aliases) {
                    const k = a.toLowerCase();
                    assert.ok(!seen.has(k), `alias "${a}" on both ${seen.get(k)} and ${p.id}`);
                    seen.set(k, p.id);
                }
            }
        });
    });

    describe('when the file is checked for real people', () => {
        it('puts every roster e-mail on example.com', () => {
            for (const e of seed.roster) assert.match(e.email, /@example\.com$/, e.email);
        });

        it('holds no e-mail address outside example.com anywhere', () => {
            for (const { path, text } of strings(raw)) {
                for (const m of text.matchAll(/[^\s@<>"]+@([^\s@<>"]+)/g)) {
                    assert.equal(m[1].toLowerCase(), 'example.com', `${path}: ${text}`);
                }
            }
        });

        it('holds none of the surnames of the real people the papers name', () => {
            const all = strings(raw);
            for (const name of REAL_SURNAMES) {
                const re = new RegExp(`\\b${escape(name)}\\b`, 'i');
                for (const { path, text } of all) assert.doesNotMatch(text, re, `${path} names "${name}"`);
            }
            for (const name of REAL_FULL_NAMES) {
                const re = new RegExp(`\\b${escape(name)}\\b`, 'i');
                for (const { path, text } of all) assert.doesNotMatch(text, re, `${path} names "${name}"`);
            }
        });
    });
});
