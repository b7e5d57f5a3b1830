/** The digest's register summary: a document marked reviewed is counted as reviewed, never as "nothing recorded". */
import assert from 'node:assert/strict';
import path from 'node:path';
import { applyRegisterChange, parseRegisterChange } from '../../src/domain/registerChanges.js';
import { registerSummary } from '../../src/services/registerSummary.js';
import { readSeed } from '../../src/store/store.js';

const NOW = new Date('2026-11-30T10:00:00Z');
const OPTIONS = { zone: 'Europe/London', dueSoonDays: 90, confirmedMonths: 12 };

describe("the digest's register summary", () => {
    it('counts the pre-eviction protocol marked reviewed today apart from "nothing recorded", and its parts still add up', () => {
        const data = readSeed(path.resolve('data/seed.json'), path.resolve('data/demo.json'));
        const nothing = (headline: string) => Number(/(\d+) with nothing recorded/.exec(headline)?.[1] ?? 0);
        const before = registerSummary(data, NOW, OPTIONS).headline;
        const change = parseRegisterChange(
            'markReviewed',
            { id: 'pre-eviction-protocol', reviewedOn: '2026-11-30' },
            { protocols: data.protocols, groups: data.groups, today: '2026-11-30' },
        );
        // A fresh list, as a store write gives: the due report is kept per list.
        const protocols = structuredClone(data.protocols);
        applyRegisterChange(protocols, change, {
            groups: data.groups,
            by: 'morgan.ellis@example.com',
            byName: 'Morgan Ellis',
            at: NOW.toISOString(),
            today: '2026-11-30',
        });
        const after = registerSummary({ ...data, protocols }, NOW, OPTIONS).headline;
        assert.equal(nothing(after), nothing(before), after);
        assert.match(after, /1 marked reviewed with no cycle to date the next review/);
        const inForce = Number(/^(\d+) documents? in force/.exec(after)![1]);
        const parts = after
            .replace(/^.*? in force: /, '')
            .replace(/\. .*$/, '')
            .replace(/\(\d+ with a review date passed\)/, '')
            .match(/\d+/g)!
            .map(Number);
        assert.equal(
            parts.reduce((a, b) => a + b, 0),
            inForce,
            after,
        );
    });
});
