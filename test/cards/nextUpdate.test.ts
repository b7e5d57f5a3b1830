import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createNextUpdateCards, nextUpdateGroup, oneLine } from '../../src/cards/nextUpdate.js';
import { cardBytes } from '../../src/cards/render.js';
import type { StoreData } from '../../src/domain/model.js';
import { groupUpdateStatus } from '../../src/domain/nextUpdate.js';
import { findPerson } from '../../src/domain/people.js';
import type { UpdateDoc } from '../../src/domain/progress.js';
import { sampleData } from '../helpers/fixtures.js';

const ZONE = 'Europe/London';

describe('the next-update card', () => {
    const data = sampleData();
    const am = data.groups.find((g) => g.id === 'asset-management')!;
    const priya = findPerson(data, { email: 'priya.shah@example.com' });

    it('cuts a long "last time" to one line at a word, with an ellipsis', () => {
        assert.equal(oneLine('Short\n\n  and   sweet'), 'Short and sweet');
        const cut = oneLine('word '.repeat(100), 40);
        assert.ok(cut.length <= 40 && cut.endsWith('word…'), cut);
    });

    it('"last time" says "No change" for a group that ticked it, and "Nothing reported" for an objective left out', () => {
        const d: StoreData = {
            ...data,
            objectives: [
                ...data.objectives,
                {
                    ref: 'HW5',
                    theme: 'HW',
                    text: 'Fuel poverty',
                    contributions: [{ groupId: 'asset-management', contribution: '' }],
                },
            ],
        };
        const previous: UpdateDoc = {
            groupId: 'asset-management',
            period: '2026-06',
            versions: [
                {
                    version: 1,
                    kind: 'submitted',
                    sections: [{ ref: 'HW9', text: 'Surveys continue.', rag: 'not_rated', noChange: true }],
                    otherMatters: '',
                    concernsGroups: [],
                    by: { email: 'p@example.com', name: 'Priya Shah' },
                    onBehalf: false,
                    at: '2026-06-15T09:00:00Z',
                    digest: 'x',
                },
            ],
        };
        const g = nextUpdateGroup(
            groupUpdateStatus(d, am, [previous], new Date('2026-12-10T12:00:00Z'), ZONE)!,
            priya,
            ZONE,
        );
        assert.deepEqual(
            g.objectives.map((o) => [o.ref, o.lastLine]),
            [
                ['HW9', 'No change. Surveys continue.'],
                ['HW5', 'Nothing reported'],
            ],
        );
        assert.equal(g.lastTimeLine, 'Last update: June 2026, submitted by Priya Shah on 15 Jun 2026 at 10:00.');
    });

    it('before the update opens, the chair gets no button yet but the day it opens', () => {
        const g = nextUpdateGroup(
            groupUpdateStatus(data, am, [], new Date('2026-05-01T12:00:00Z'), ZONE)!,
            priya,
            ZONE,
        );
        assert.equal(g.canOpenForm, false);
        assert.equal(g.formNote, 'The update opens on Thursday 18 Jun 2026.');
        assert.deepEqual(g.facts[0], { title: 'Opens', value: 'Thursday 18 Jun 2026' });
    });

    it('a group with no objectives recorded is told whom to ask', () => {
        const khog = data.groups.find((g) => g.id === 'khog')!;
        const [card] = createNextUpdateCards(
            [groupUpdateStatus(data, khog, [], new Date('2026-12-10T12:00:00Z'), ZONE)!],
            priya,
            ZONE,
        );
        const json = JSON.stringify(card);
        assert.match(json, /No strategy objectives are recorded for Kent Housing Options Group yet/);
        assert.doesNotMatch(json, /Last time:/);
    });

    it('a group with so many long objectives that its card would pass 80 KB gets them cut to a line each', () => {
        const d = sampleData();
        for (let i = 1; i <= 40; i++) {
            d.objectives.push({
                ref: `HD${i}`,
                theme: 'HD',
                text: `Objective ${i}: ${'accelerate the delivery of homes across Kent and Medway '.repeat(40)}`.slice(
                    0,
                    2000,
                ),
                contributions: [{ groupId: 'khog', contribution: 'z'.repeat(500) }],
            });
        }
        const khog = d.groups.find((g) => g.id === 'khog')!;
        const status = groupUpdateStatus(d, khog, [], new Date('2026-12-10T12:00:00Z'), ZONE)!;
        const [card] = createNextUpdateCards([status], priya, ZONE);
        assert.ok(cardBytes(card) <= 80 * 1024, `${cardBytes(card)} bytes`);
        const texts = JSON.stringify(card).match(/\*\*HD\d+\*\* [^"]*/g)!;
        assert.equal(texts.length, 40);
        assert.ok(texts.every((t) => t.endsWith('…') && t.length < 230));
    });

    it('the papers give no day of the month for the first update: the card shows the day as an assumption', () => {
        const seed = JSON.parse(fs.readFileSync(new URL('../../data/seed.json', import.meta.url), 'utf8')) as StoreData;
        const khog = seed.groups.find((g) => g.id === 'khog')!;
        const status = groupUpdateStatus(seed, khog, [], new Date('2026-12-10T12:00:00Z'), ZONE)!;
        const [card] = createNextUpdateCards([status], undefined, ZONE);
        assert.match(
            JSON.stringify(card),
            /"title":"Assumed","value":"The papers say six-monthly updates begin in September 2022, not on which day: the last day of the month is assumed\."/,
        );
        assert.match(JSON.stringify(card), /"title":"Cadence","value":"Every 6 months"/);
    });

    it('the seed partnership: a chair of two groups gets one card; its size is well under 80 KB', () => {
        const seed = JSON.parse(fs.readFileSync(new URL('../../data/seed.json', import.meta.url), 'utf8')) as StoreData;
        const person = findPerson(seed, { email: 'priya.shah@example.com' });
        const statuses = ['asset-management', 'khog'].map((id) =>
            groupUpdateStatus(
                seed,
                seed.groups.find((g) => g.id === id)!,
                [],
                new Date('2026-12-10T12:00:00Z'),
                ZONE,
            )!,
        );
        const cards = createNextUpdateCards(statuses, person, ZONE);
        assert.equal(cards.length, 1);
        const bytes = cardBytes(cards[0]);
        assert.ok(bytes < 8 * 1024, `${bytes} bytes`);
    });
});
