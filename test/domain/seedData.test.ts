/**
 * The seed data (data/seed.json) against what the source papers say: the protocol register (seed 000),
 * the strategy and reporting paper (seed 002) and the Kent reciprocal scheme (seed 003).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { SCHEMA_VERSION, storeDataSchema, type Protocol, type StoreData } from '../../src/domain/model.js';

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
            assert.equal(seed.schemaVersion, SCHEMA_VERSION);
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

    describe('when a reader checks the groups (seed 002, domain notes)', () => {
        it('has only the five groups the papers call sub-groups reporting, six-monthly from September 2022', () => {
            const reporting = seed.groups.filter((g) => g.reports);
            assert.deepEqual(reporting.map((g) => g.id).sort(), [
                'asset-management',
                'khog',
                'private-sector-housing',
                'strategy-enabling',
                'tenancy-management',
            ]);
            for (const g of reporting) {
                assert.equal(g.cadenceMonths, 6, g.id);
                assert.equal(g.nextUpdateDue, '2022-09-30', g.id);
                assert.match(g.assumptions?.[0] ?? '', /not on which day: the last day of the month is assumed/, g.id);
            }
        });

        it('does not make the groups the papers only name (KPOG, KHDG, HHSC, Homechoice) or partner bodies report', () => {
            for (const id of ['kpog', 'khdg', 'hhsc', 'homechoice', 'keep', 'kcc', 'jppb', 'khg']) {
                const g = seed.groups.find((x) => x.id === id);
                assert.ok(g, id);
                assert.equal(g.reports, false, id);
                assert.equal(g.nextUpdateDue, undefined, id);
            }
        });

        it('holds no people: the roster is in the demo layer', () => {
            assert.deepEqual(seed.roster, []);
        });
    });

    describe('when a reader checks each document against the paper (seed 000, seed 003)', () => {
        /** Document, what the paper says (its words), and what the seed must hold for it. */
        const TABLE: {
            id: string;
            paper: string;
            owners: string[];
            partners?: string[];
            reviewers?: string[];
            advisers?: string[];
            published?: string;
            lastReviewed?: string;
            nextReview?: string;
            status: Protocol['status'];
            evidence: { kind: string; who: RegExp }[];
            onWebsite?: boolean;
        }[] = [
            {
                id: 'rural-affordable-homes-guide',
                paper: 'currently being updated by the Housing Strategy and Enabling Group to include First Homes',
                owners: [],
                reviewers: ['strategy-enabling'],
                status: 'under_review',
                evidence: [],
            },
            {
                id: 'virtual-lettings-guide',
                paper: 'This group is reviewing whether the document is still needed and whether it needs updating',
                owners: ['tenancy-management'],
                published: '2020',
                lastReviewed: '2021-02',
                status: 'current',
                evidence: [{ kind: 'deciding_if_needed', who: /Tenancy Management/ }],
            },
            {
                id: 'young-persons-protocol',
                paper: 'between the Kent LHAs and KCC and is being reviewed by KHOG and KCC now',
                owners: [],
                partners: ['Kent local housing authorities', 'KCC'],
                reviewers: ['khog', 'kcc'],
                status: 'under_review',
                evidence: [],
            },
            {
                id: 'pre-eviction-protocol',
                paper: 'published in August 2020 after being reviewed by the KHOG and Tenancy Management sub groups. The website indicates it is due to review now',
                owners: ['khog', 'tenancy-management'],
                published: '2020-08',
                status: 'current',
                evidence: [{ kind: 'flagged_due', who: /website/ }],
            },
            {
                id: 'local-connection-protocol',
                paper: 'published in 2020 and the website indicates it is due for review now',
                owners: [],
                published: '2020',
                status: 'current',
                evidence: [{ kind: 'flagged_due', who: /website/ }],
            },
            {
                id: 'reciprocal-scheme',
                paper: 'This Protocol will be reviewed in September 2021',
                owners: ['khog'],
                partners: ['the twelve Kent local housing authorities'],
                lastReviewed: '2020',
                nextReview: '2021-09',
                status: 'current',
                evidence: [
                    { kind: 'stated_review', who: /the scheme itself/ },
                    { kind: 'flagged_due', who: /website/ },
                ],
            },
            {
                id: 'duty-to-refer-protocol',
                paper: 'written by KHOG with input from KCC and KSS CRC and published in 2020 and the website indicates it is due for review now',
                owners: ['khog'],
                partners: ['KCC', 'KSS CRC'],
                published: '2020',
                status: 'current',
                evidence: [{ kind: 'flagged_due', who: /website/ }],
            },
            {
                id: 'agency-assessment-form',
                paper: 'currently being reviewed, led by the Homechoice operational group with input from KCC and KHOG',
                owners: [],
                reviewers: ['homechoice', 'kcc', 'khog'],
                status: 'under_review',
                evidence: [],
            },
            {
                id: 'criminal-justice-housing-pathway',
                paper: 'published in 2018 and is probably due for review due to changes at the organisations involved',
                owners: [],
                published: '2018',
                status: 'current',
                evidence: [{ kind: 'probably_due', who: /partnership manager/ }],
            },
            {
                id: 'affordability-protocol',
                paper: 'by a working group of KHG members and is being reviewed via Homechoice operational group now',
                owners: ['khg'],
                reviewers: ['homechoice'],
                published: '2018',
                status: 'under_review',
                evidence: [],
            },
            {
                id: 'temporary-accommodation-protocol',
                paper: 'reviewed in 2018 and is probably due for a review',
                owners: [],
                lastReviewed: '2018',
                status: 'current',
                evidence: [{ kind: 'probably_due', who: /partnership manager/ }],
            },
            {
                id: 'moving-on-or-moving-in',
                paper: 'published in 2017, and is probably due for a review by KHOG and Homechoice',
                owners: [],
                reviewers: ['khog', 'homechoice'],
                published: '2017',
                status: 'current',
                evidence: [{ kind: 'probably_due', who: /partnership manager/ }],
            },
            {
                id: 'kent-planning-protocol',
                paper: 'Developed by Kent Planning Officers, Kent Developers and KCC and endorsed by KHG in 2016',
                owners: ['kpog'],
                partners: ['Kent Developers', 'KCC'],
                advisers: ['a planning adviser'],
                published: '2016',
                status: 'current',
                evidence: [],
            },
            {
                id: 'fuel-poverty-strategy',
                paper: 'KEEP is aware that it needs reviewing now',
                owners: ['keep'],
                published: '2016',
                status: 'current',
                evidence: [{ kind: 'owner_says_due', who: /^KEEP$/ }],
            },
            {
                id: 'social-care-accommodation-strategy',
                paper: 'KHG and JPPB were involved in shaping and developing this in 2014',
                owners: ['khg', 'jppb'],
                advisers: ['a partner adviser', 'the HHSC chair'],
                published: '2014',
                status: 'current',
                evidence: [{ kind: 'advice_sought', who: /HHSC chair/ }],
            },
            {
                id: 'accessible-housing-framework',
                paper: 'Developed by KHG and JBBP in November 2013',
                owners: ['khg', 'jppb'],
                advisers: ['the HHSC'],
                published: '2013-11',
                status: 'current',
                evidence: [{ kind: 'advice_sought', who: /HHSC/ }],
            },
            {
                id: 'community-led-planning-guide',
                paper: 'Written with Kent Planning Officers, Kent Developers and Action for Rural Communities in 2013',
                owners: [],
                partners: ['Kent Planning Officers', 'Kent Developers', 'Action for Rural Communities'],
                advisers: ['two planning advisers'],
                published: '2013',
                status: 'current',
                evidence: [{ kind: 'advice_sought', who: /planning advisers/ }],
            },
            {
                id: 'viability-protocol',
                paper: 'Written with Kent Planning Officers, Kent Developers and the Homes and Communities Agency in 2013',
                owners: [],
                partners: ['Kent Planning Officers', 'Kent Developers', 'Homes and Communities Agency'],
                advisers: ['two planning advisers'],
                published: '2013',
                status: 'current',
                evidence: [{ kind: 'advice_sought', who: /planning advisers/ }],
            },
            {
                id: 'housing-for-the-third-age',
                paper: 'Developed by KHG and JPPB in 2012',
                owners: ['khg', 'jppb'],
                advisers: ['the HHSC'],
                published: '2012',
                status: 'current',
                evidence: [{ kind: 'advice_sought', who: /HHSC/ }],
            },
            {
                id: 'intentionally-homeless-protocol',
                paper: 'which is not on the website',
                owners: [],
                reviewers: ['khog'],
                status: 'under_review',
                evidence: [],
                onWebsite: false,
            },
            {
                id: 'mental-health-discharge-protocol',
                paper: 'which was flagged by KMPT and is not currently on the website',
                owners: [],
                partners: ['KMPT'],
                reviewers: ['khog'],
                status: 'under_review',
                evidence: [{ kind: 'flagged_due', who: /^KMPT$/ }],
                onWebsite: false,
            },
            {
                id: 'domestic-abuse-mutual-exchange-protocol',
                paper: 'KHOG is drafting a protocol',
                owners: ['khog'],
                status: 'draft',
                evidence: [],
                onWebsite: false,
            },
        ];

        it('has a row in the table for every seed document, and a seed document for every row', () => {
            assert.deepEqual(seed.protocols.map((p) => p.id).sort(), TABLE.map((r) => r.id).sort());
        });

        for (const row of TABLE) {
            it(`${row.id}: holds what the paper says ("${row.paper.slice(0, 60)}...")`, () => {
                const p = protocol(row.id);
                assert.ok(
                    p.paperSays?.toLowerCase().includes(row.paper.toLowerCase()),
                    `the paper's words are not kept: ${p.paperSays}`,
                );
                assert.deepEqual(p.ownerGroups, row.owners, 'owners');
                assert.deepEqual(p.partners, row.partners ?? [], 'partners');
                assert.deepEqual(p.reviewers, row.reviewers ?? [], 'reviewers');
                assert.deepEqual(p.advisers, row.advisers ?? [], 'advisers');
                assert.equal(p.published, row.published, 'published');
                assert.equal(p.lastReviewed, row.lastReviewed, 'last reviewed');
                assert.equal(p.nextReview, row.nextReview, 'next review');
                assert.equal(p.status, row.status, 'status');
                assert.equal(p.onWebsite, row.onWebsite ?? true, 'on the website');
                assert.deepEqual(
                    p.evidence.map((e) => e.kind),
                    row.evidence.map((e) => e.kind),
                    'evidence',
                );
                p.evidence.forEach((e, i) => assert.match(e.who, row.evidence[i].who, `evidence ${i}: whose`));
                for (const e of p.evidence) assert.equal(e.recorded.source, 'paper');
                assert.deepEqual(p.asAt, {
                    at: '2022',
                    source: 'paper',
                    by: 'the paper on the documents on the KHG website',
                });
            });
        }

        it('never makes a group both owner and reviewer, or an agency both owner and partner', () => {
            for (const p of seed.protocols) {
                for (const g of p.ownerGroups) assert.ok(!p.reviewers.includes(g), `${p.id}: ${g}`);
                const ownerNames = p.ownerGroups.flatMap((g) => seed.groups.find((x) => x.id === g)?.aliases ?? []);
                for (const partner of p.partners) assert.ok(!ownerNames.includes(partner), `${p.id}: ${partner}`);
            }
        });

        it('keeps the KRS with its own stated review date and annual cycle at a local-authority-only KHOG meeting (seed 003)', () => {
            const krs = protocol('reciprocal-scheme');
            const stated = krs.evidence.find((e) => e.kind === 'stated_review')!;
            assert.equal(stated.statedDate, '2021-09');
            assert.equal(stated.cycleMonths, 12);
            assert.equal(stated.cycleText, 'annually, at a local-authority-only KHOG meeting');
            assert.equal(krs.reviewCycleMonths, 12);
            assert.ok(krs.aliases.includes('KRS'));
        });

        it('gives a review date only to the KRS: the papers state no other', () => {
            assert.deepEqual(
                seed.protocols.filter((p) => p.nextReview || p.reviewCycleMonths).map((p) => p.id),
                ['reciprocal-scheme'],
            );
            assert.deepEqual(seed.settings, {});
        });

        it('marks the Kent Planning Protocol as key for its importance, with no evidence that it is due', () => {
            const kpp = protocol('kent-planning-protocol');
            assert.equal(kpp.key, true);
            assert.match(kpp.keyNote ?? '', /key document framing joint working/);
            assert.deepEqual(kpp.evidence, []);
            assert.deepEqual(
                seed.protocols.filter((p) => p.key).map((p) => p.id),
                ['kent-planning-protocol'],
            );
        });

        it('names who leads every review under way', () => {
            for (const p of seed.protocols.filter((x) => x.status === 'under_review'))
                assert.ok(p.reviewLead?.trim(), `${p.id} is under review with no reviewLead`);
        });

        it('gives the KAAF its short name and no two documents the same short name', () => {
            assert.ok(protocol('agency-assessment-form').aliases.includes('KAAF'));
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
        it('puts every demo roster e-mail on example.com', () => {
            const demo = JSON.parse(fs.readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8'));
            assert.ok(demo.roster.length > 0);
            for (const e of demo.roster) assert.match(e.email, /@example\.com$/, e.email);
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
