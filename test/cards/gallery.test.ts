/**
 * Every card as people see it: each template's gallery cases drawn with Microsoft's Adaptive Cards
 * renderer in Chromium, in Teams' themes, at desktop and phone width, and checked. `npm run cards`
 * draws all of them and writes the screenshots; this runs a subset that covers every case in every
 * theme and both widths. With no Chromium installed it fails: the checks are never skipped.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CARDS_DIR } from '../../src/paths.js';
import { CardBrowser, THEMES, type Width } from '../../scripts/lib/gallery/browser.js';
import { loadGallery, templateNames, type ExpandedCase } from '../../scripts/lib/gallery/cases.js';
import { cardTextProblems, isoDateProblems, templateColourProblems } from '../../scripts/lib/gallery/rules.js';

const card = (body: unknown[], actions: unknown[] = []) => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    actions,
});

describe('card gallery', function () {
    let cases: ExpandedCase[];

    before(async function () {
        cases = await loadGallery();
    });

    it('has gallery data for every card template, so each new card gets looked at', function () {
        const withData = new Set(cases.map((c) => c.template));
        assert.deepEqual(
            templateNames().filter((t) => !withData.has(t)),
            [],
        );
        assert.ok(templateNames().length >= 16);
    });

    describe('text colour and size', function () {
        it('no template gives text a colour that some Teams theme makes unreadable', function () {
            const problems = fs
                .readdirSync(CARDS_DIR)
                .filter((f) => f.endsWith('.json'))
                .flatMap((f) =>
                    templateColourProblems(JSON.parse(fs.readFileSync(path.join(CARDS_DIR, f), 'utf8'))).map(
                        (p) => `${f} ${p}`,
                    ),
                );
            assert.deepEqual(problems, []);
        });

        it('rejects amber, green or red text, and a colour bound to data', function () {
            const problems = templateColourProblems(
                card([
                    { type: 'TextBlock', text: 'The whole update', color: 'Warning' },
                    { type: 'TextBlock', text: '${dueLine}', color: '${dueColor}' },
                    { type: 'TextBlock', text: 'Fine', color: 'Accent' },
                ]),
            );
            assert.equal(problems.length, 2);
            assert.match(problems[0], /\$\.body\[0\]: text colour "Warning"/);
        });

        it('every gallery card keeps colour to short labels and small text to short lines', function () {
            const problems = cases.flatMap((c) => cardTextProblems(c.card).map((p) => `${c.template}/${c.name} ${p}`));
            assert.deepEqual(problems, []);
        });

        it('rejects a coloured label that holds a sentence, long small text and extra-large words', function () {
            const long = 'The retrofit programme surveyed 1,240 homes across the district this period.';
            const problems = cardTextProblems(
                card([
                    { type: 'Container', style: 'warning', items: [{ type: 'TextBlock', text: long }] },
                    { type: 'Container', style: 'good', items: [{ type: 'TextBlock', text: 'Green' }] },
                    { type: 'TextBlock', size: 'Small', text: long.repeat(3) },
                    { type: 'TextBlock', size: 'ExtraLarge', text: 'Overdue' },
                ]),
            );
            assert.equal(problems.length, 3, problems.join('\n'));
        });
    });

    describe('one date style', function () {
        it('no gallery card shows a date written 2026-11-30: every card writes 30 Nov 2026', function () {
            const problems = cases.flatMap((c) => isoDateProblems(c.card).map((p) => `${c.template}/${c.name} ${p}`));
            assert.deepEqual(problems, []);
        });

        it("finds an ISO date people read, and leaves alone data, verbs, what is typed and an input's own example", function () {
            const problems = isoDateProblems(
                card(
                    [
                        { type: 'TextBlock', text: 'Submitted on 2026-11-30' },
                        { type: 'FactSet', facts: [{ title: 'Due', value: '2026-12-18' }] },
                        { type: 'Input.Text', id: 'when', value: '2027-03-31', placeholder: '2027-03 or 2027-03-31' },
                        { type: 'TextBlock', text: 'Write a day (2027-03-31).' },
                        {
                            type: 'Input.ChoiceSet',
                            id: 'meeting',
                            choices: [{ title: 'Friday 26 Mar 2027', value: '2027-03-26' }],
                        },
                    ],
                    [
                        {
                            type: 'Action.Execute',
                            title: 'Close 2026-11-30',
                            verb: 'round.close',
                            data: { day: '2026-11-30' },
                        },
                    ],
                ),
            );
            assert.deepEqual(
                problems.map((p) => p.replace(/:.*/, '')),
                ['$.body[0].text', '$.body[1].facts[0].value', '$.actions[0].title'],
            );
        });
    });

    describe('drawn in Chromium', function () {
        this.timeout(240_000);
        let browser: CardBrowser;

        before(async function () {
            // No skip: a machine without Chromium fails here, naming the package to install.
            browser = await CardBrowser.open();
        });

        after(async function () {
            await browser?.close();
        });

        it('every case reads in every theme, at phone and desktop width: contrast, alt text, nothing cut off', async function () {
            // Each case in each theme, at alternating widths: every case is drawn at both widths and
            // every theme, in half the time of all of them (npm run cards draws them all).
            const problems: string[] = [];
            let drawn = 0;
            for (const [i, c] of cases.entries())
                for (const [j, theme] of THEMES.entries()) {
                    const width: Width = (i + j) % 2 === 0 ? 'phone' : 'desktop';
                    const result = await browser.render(c.card, theme, width, false);
                    drawn++;
                    problems.push(...result.problems.map((p) => `${c.template}/${c.name} (${theme}, ${width}): ${p}`));
                }
            assert.equal(drawn, cases.length * THEMES.length);
            assert.deepEqual(problems, []);
        });

        it('finds pale text, a missing alt text and a button cut off at phone width', async function () {
            const bad = card(
                [
                    { type: 'TextBlock', text: 'Due in 3 days', color: 'Warning', wrap: true },
                    {
                        type: 'Image',
                        url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
                    },
                ],
                [
                    {
                        type: 'Action.Execute',
                        verb: 'x',
                        title: 'Remind the missing groups now, and tell the chairs why',
                    },
                    { type: 'Action.Execute', verb: 'y', title: 'Close the period' },
                ],
            );
            const { problems } = await browser.render(bad, 'light', 'phone', false);
            const text = problems.join('\n');
            assert.match(text, /color-contrast: .*1\.47/);
            assert.match(text, /image-alt/);
            assert.match(text, /button "Remind the missing groups now, and tell the chairs why" is cut off/);
        });
    });
});
