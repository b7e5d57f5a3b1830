/** Progress replies over HTTP, as Teams sends them, with a fake Bot Connector. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sinon from 'sinon';
import { helpFeature } from '../../src/bot/routes/help.js';
import { createProgressFeature } from '../../src/bot/routes/progress.js';
import { VERBS } from '../../src/bot/verbs.js';
import type { StoreData } from '../../src/domain/model.js';
import { updatesOf } from '../../src/services/progress.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS, sampleData } from '../helpers/fixtures.js';
import { allFieldErrors, cardActions, cardInputs, cardText, errorAtInput } from '../helpers/cards.js';

const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo }; // chair of asset-management and khog
const chris: Sender = { id: '29:chris', name: 'Chris Lane', aadObjectId: 'aad-chris' }; // vice-chair of khog, known by e-mail
const tom: Sender = { id: '29:tom', name: 'Tom Reed', aadObjectId: IDS.chair }; // chair of private-sector-housing
const jo: Sender = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member }; // member of asset-management
const clock = () => new Date('2026-12-10T18:30:00Z');
const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };

function data(): StoreData {
    const d = sampleData();
    d.objectives.push({
        ref: 'A8',
        theme: 'A',
        text: 'Challenge the stigma associated with social or affordable housing',
        contributions: [{ groupId: 'khog', contribution: 'For people seeking housing advice' }],
    });
    return d;
}

interface InvokeBody {
    statusCode: number;
    type: string;
    value: unknown;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card as the bot sent it; each test reads the parts it asserts
type Card = any;

describe('progress replies on the card', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    const period = '2026-12';
    const am = { groupId: 'asset-management', period };
    const kh = { groupId: 'khog', period };

    async function invoke(who: Sender, verb: string, payload: Record<string, unknown>, replyToId = 'card-1') {
        const res = await bot.post(cardAction(who, verb, payload, { serviceUrl: connector.url, replyToId }));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body as InvokeBody;
    }
    const asCard = (b: InvokeBody): Card => {
        assert.equal(
            b.type,
            'application/vnd.microsoft.card.adaptive',
            `expected a card, got: ${JSON.stringify(b.value)}`,
        );
        return b.value;
    };
    const asMessage = (b: InvokeBody): string => {
        assert.equal(b.type, 'application/vnd.microsoft.activity.message', `expected a message, got a ${b.type}`);
        return b.value as string;
    };
    const versions = async (groupId: string) =>
        (await updatesOf(bot.runtime.deps.store).get(`${groupId}/${period}`))?.versions ?? [];
    const updatesDir = () => path.join(path.dirname(bot.storeFile), 'store.updates');
    const snapshot = () =>
        fs.existsSync(updatesDir())
            ? fs
                  .readdirSync(updatesDir(), { recursive: true })
                  .map(String)
                  .sort()
                  .map((f) => [
                      f,
                      fs.statSync(path.join(updatesDir(), f)).isFile()
                          ? fs.readFileSync(path.join(updatesDir(), f), 'utf8')
                          : '',
                  ])
            : [];

    beforeEach(async () => {
        connector = await new FakeConnector().start();
        connector.addMember({ id: chris.id, name: 'Chris Lane', email: 'chris.lane@EXAMPLE.com' });
        bot = await startBot({ data: data(), clock, features: [helpFeature, createProgressFeature()] });
    });
    afterEach(async () => {
        sinon.restore();
        await bot.stop();
        await connector.stop();
    });

    it('opens the form with one section per objective: text, contribution, RAG, and no "last time" when there is none', async () => {
        const card = asCard(await invoke(priya, VERBS.progressOpen, am));
        const t = cardText(card);
        assert.match(t, /Asset Management: December 2026 update/);
        assert.match(t, /\*\*HW9\*\* Ensure housing is resilient/);
        assert.match(t, /Our part: For existing social housing/);
        const ids = JSON.stringify(card).match(/"id":"[^"]+"/g);
        assert.deepEqual(ids, [
            '"id":"text_HW9"',
            '"id":"rag_HW9"',
            '"id":"help_HW9"',
            '"id":"helpfrom_HW9"',
            '"id":"helpneed_HW9"',
            '"id":"otherMatters"',
            '"id":"concerns"',
        ]);
        const input = /"isMultiline":true,"maxLength":(\d+)/.exec(JSON.stringify(card));
        assert.equal(input?.[1], '8000');
        assert.deepEqual(
            card.actions.map((a: Card) => [a.title, a.verb, a.data.basedOn]),
            [
                ['Save draft', 'progress.saveDraft', 0],
                ['Submit', 'progress.submit', 0],
            ],
        );
    });

    it('draft then submit: the draft is continued by the vice-chair on another device, then submitted', async () => {
        const draftCard = asCard(
            await invoke(priya, VERBS.progressSaveDraft, {
                ...kh,
                basedOn: 0,
                text_A8: 'Started a myth-busting leaflet.',
                rag_A8: 'amber',
            }),
        );
        assert.match(cardText(draftCard), /Draft saved by Priya Shah/);
        assert.equal(draftCard.actions[0].data.basedOn, 1);

        // Chris is known only by e-mail: the bot looks him up in Teams, then continues the draft.
        const continued = asCard(await invoke(chris, VERBS.progressEdit, kh));
        assert.match(JSON.stringify(continued), /Started a myth-busting leaflet\./);
        assert.equal(continued.actions[1].data.basedOn, 1);
        const submitted = asCard(
            await invoke(chris, VERBS.progressSubmit, {
                ...kh,
                basedOn: 1,
                text_A8: 'Leaflet published with all twelve councils.',
                rag_A8: 'green',
            }),
        );
        assert.match(cardText(submitted), /Submitted by Chris Lane on \d+ Dec 2026/);
        assert.match(cardText(submitted), /Leaflet published with all twelve councils\./);
        assert.deepEqual(
            (await versions('khog')).map((v) => [v.version, v.kind, v.by.name, v.sections[0].rag]),
            [
                [1, 'draft', 'Priya Shah', 'amber'],
                [2, 'submitted', 'Chris Lane', 'green'],
            ],
        );
    });

    it('an edit after submitting keeps every version with who and when', async () => {
        await invoke(priya, VERBS.progressSubmit, { ...am, basedOn: 0, text_HW9: 'First text.', rag_HW9: 'amber' });
        await invoke(priya, VERBS.progressSubmit, { ...am, basedOn: 1, text_HW9: 'Corrected text.', rag_HW9: 'amber' });
        const v = await versions('asset-management');
        assert.deepEqual(
            v.map((x) => [x.version, x.kind, x.sections[0].text]),
            [
                [1, 'submitted', 'First text.'],
                [2, 'submitted', 'Corrected text.'],
            ],
        );
        assert.ok(v.every((x) => x.by.email === 'priya.shah@example.com' && x.at));
    });

    it('"no change since last update" carries last period\'s text forward, marked as such', async () => {
        await updatesOf(bot.runtime.deps.store).transact('asset-management/2026-06', (d) => {
            d.versions.push({
                version: 1,
                kind: 'submitted',
                sections: [
                    { ref: 'HW9', text: 'Overheating survey of 400 homes under way.', rag: 'amber', noChange: false },
                ],
                otherMatters: '',
                concernsGroups: [],
                by: { email: 'priya.shah@example.com', name: 'Priya Shah' },
                onBehalf: false,
                at: '2026-06-10T10:00:00.000Z',
                digest: 'seeded',
            });
        });
        const form = asCard(await invoke(priya, VERBS.progressOpen, am));
        assert.match(cardText(form), /What we said last time/);
        assert.match(cardText(form), /Overheating survey of 400 homes under way\./);
        const card = asCard(
            await invoke(priya, VERBS.progressSubmit, {
                ...am,
                basedOn: 0,
                nochange_HW9: 'true',
                text_HW9: '',
                rag_HW9: 'amber',
            }),
        );
        assert.match(cardText(card), /no change since last update/);
        const [v] = await versions('asset-management');
        assert.deepEqual(v.sections[0], {
            ref: 'HW9',
            text: 'Overheating survey of 400 homes under way.',
            rag: 'amber',
            noChange: true,
        });
    });

    it('after submit the card is replaced for everyone by a read-only summary; the submitter sees "Edit" at once, other editors on refresh', async () => {
        await bot.post(message(priya, 'hello', { serviceUrl: connector.url })); // the bot learns Priya's Teams id
        const own = asCard(
            await invoke(
                priya,
                VERBS.progressSubmit,
                { ...am, basedOn: 0, text_HW9: 'Done.', rag_HW9: 'green' },
                'card-42',
            ),
        );
        assert.deepEqual(
            (own.actions ?? []).map((a: Card) => [a.title, a.verb]),
            [['Edit', VERBS.progressEdit]],
            "the submitter's own view has Edit",
        );
        assert.match(cardText(own), /Submitted by Priya Shah/);
        const update = await connector.waitFor((c) => c.kind === 'update' && c.activityId === 'card-42');
        const card = update.body.attachments[0].content;
        assert.deepEqual(card.actions ?? [], [], 'the shared card has no Edit button');
        assert.ok(card.refresh.userIds.includes(priya.id));
        assert.equal(card.refresh.action.verb, 'progress.refresh');
        assert.match(cardText(card), /Submitted by Priya Shah/);

        const mine = asCard(await invoke(priya, VERBS.progressRefresh, am, 'card-42'));
        assert.deepEqual(
            mine.actions.map((a: Card) => a.title),
            ['Edit'],
        );
        assert.equal(mine.refresh, undefined, 'a personal view is not pushed to everyone');
        const joView = asCard(await invoke(jo, VERBS.progressRefresh, am, 'card-42'));
        assert.deepEqual(joView.actions ?? [], []);
        assert.equal(
            connector.calls.filter((c) => c.kind === 'update').length,
            1,
            'refreshes do not update the shared card',
        );
    });

    it('cross sub-group matters are passed on: the chair of each group picked gets one message', async () => {
        await bot.post(message(tom, 'hello', { serviceUrl: connector.url })); // Tom's chat is saved
        connector.reset();
        await invoke(priya, VERBS.progressSubmit, {
            ...am,
            basedOn: 0,
            text_HW9: 'Retrofit pilot.',
            otherMatters: 'We would like to share retrofit contractors with Private Sector Housing.',
            concerns: 'private-sector-housing',
        });
        const notice = await connector.waitFor(
            (c) => c.conversationId === `a:personal-${tom.id}` && (c.kind === 'send' || c.kind === 'reply'),
        );
        assert.match(notice.body.text, /Asset Management\*\* raised a matter that concerns your group/);
        assert.match(notice.body.text, /share retrofit contractors/);
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(connector.calls.filter((c) => c.conversationId === `a:personal-${tom.id}`).length, 1);
    });

    it('a matter that concerns another group the writer also chairs is not sent back to the writer', async () => {
        await bot.post(message(priya, 'hello', { serviceUrl: connector.url })); // Priya's chat is saved
        connector.reset();
        await invoke(priya, VERBS.progressSubmit, {
            ...am,
            basedOn: 0,
            text_HW9: 'Retrofit pilot.',
            otherMatters: 'KHOG should see our void figures.',
            concerns: 'khog',
        });
        await new Promise((r) => setTimeout(r, 300));
        const notices = connector.calls.filter(
            (c) => (c.kind === 'send' || c.kind === 'reply') && JSON.stringify(c.body).includes('raised a matter'),
        );
        assert.deepEqual(notices, [], 'Priya chairs KHOG and wrote it herself');
    });

    it('a double click saves once', async () => {
        const payload = { ...am, basedOn: 0, text_HW9: 'Once only.', rag_HW9: 'green' };
        const [a, b] = await Promise.all([
            invoke(priya, VERBS.progressSubmit, payload),
            invoke(priya, VERBS.progressSubmit, payload),
        ]);
        asCard(a);
        asCard(b);
        assert.equal((await versions('asset-management')).length, 1);
    });

    describe('refused, with nothing stored', () => {
        const cases: [string, Sender, string, Record<string, unknown>, RegExp][] = [
            [
                'a member',
                jo,
                VERBS.progressSubmit,
                { ...am, basedOn: 0, text_HW9: 'x' },
                /Only the group's chair or vice-chair/,
            ],
            [
                "another group's chair",
                tom,
                VERBS.progressSubmit,
                { ...am, basedOn: 0, text_HW9: 'x' },
                /Only the group's chair or vice-chair/,
            ],
            [
                'someone on no roster',
                { id: '29:x', name: 'X', aadObjectId: 'nobody' },
                VERBS.progressSubmit,
                { ...am, basedOn: 0, text_HW9: 'x' },
                /don't know you yet/,
            ],
            [
                'a forged invoke for a group that does not exist',
                priya,
                VERBS.progressSubmit,
                { groupId: 'evil', period, basedOn: 0 },
                /group I do not know/,
            ],
            [
                'an invalid period',
                priya,
                VERBS.progressSubmit,
                { ...am, period: '2026-13', basedOn: 0, text_HW9: 'x' },
                /valid period/,
            ],
            [
                'an unknown objective',
                priya,
                VERBS.progressSubmit,
                { ...am, basedOn: 0, text_HW9: 'x', text_HW99: 'y' },
                /"HW99" is not one of Asset Management's objectives/,
            ],
            ['a missing basedOn', priya, VERBS.progressSubmit, { ...am, text_HW9: 'x' }, /Nothing was saved/],
            [
                'an oversized text',
                priya,
                VERBS.progressSubmit,
                { ...am, basedOn: 0, text_HW9: 'x'.repeat(8001) },
                /limit is 8000/,
            ],
            [
                'a wrong RAG value',
                priya,
                VERBS.progressSubmit,
                { ...am, basedOn: 0, text_HW9: 'x', rag_HW9: 'blue' },
                /green, amber, red or not rated/,
            ],
        ];
        for (const [situation, who, verb, payload, expected] of cases) {
            it(situation, async () => {
                await bot.post(message(who, 'hello', { serviceUrl: connector.url }));
                const before = snapshot();
                const text = asMessage(await invoke(who, verb, payload));
                assert.match(text, expected);
                assert.deepEqual(snapshot(), before);
            });
        }

        it('a closed period', async () => {
            await bot.runtime.deps.store.transact((d) =>
                d.closedPeriods.push({
                    period,
                    closedAt: '2027-01-05T10:00:00Z',
                    closedBy: 'morgan.ellis@example.com',
                }),
            );
            assert.match(
                asMessage(await invoke(priya, VERBS.progressSubmit, { ...am, basedOn: 0, text_HW9: 'late' })),
                /has been closed/,
            );
            assert.deepEqual(await versions('asset-management'), []);
        });

        it('an invoke replayed after an edit', async () => {
            const first = { ...am, basedOn: 0, text_HW9: 'Version one.' };
            await invoke(priya, VERBS.progressSubmit, first);
            await invoke(priya, VERBS.progressSubmit, { ...am, basedOn: 1, text_HW9: 'Version two.' });
            const replay = asMessage(
                await invoke(priya, VERBS.progressSubmit, { ...first, text_HW9: 'Version one, replayed.' }),
            );
            assert.match(replay, /out of date: version 2 was saved by Priya Shah/);
            assert.equal((await versions('asset-management')).length, 2);
        });
    });

    describe('validation at the field', () => {
        const seedLastTime = () =>
            updatesOf(bot.runtime.deps.store).transact('asset-management/2026-06', (d) => {
                d.versions.push({
                    version: 1,
                    kind: 'submitted',
                    sections: [{ ref: 'HW9', text: 'Overheating survey under way.', rag: 'amber', noChange: false }],
                    otherMatters: '',
                    concernsGroups: [],
                    by: { email: 'priya.shah@example.com', name: 'Priya Shah' },
                    onBehalf: false,
                    at: '2026-06-10T10:00:00.000Z',
                    digest: 'seeded',
                });
            });
        const noObjectivesForKhog = () =>
            bot.runtime.deps.store.transact((d) => {
                for (const o of d.objectives) o.contributions = o.contributions.filter((c) => c.groupId !== 'khog');
            });

        it('the card asks the client to check only what a draft needs too, each with a label and an error message; Save draft sends every input', async () => {
            const form = asCard(await invoke(priya, VERBS.progressOpen, am));
            const required = cardInputs(form).filter((i: Card) => i.isRequired === true);
            assert.deepEqual(required, [], 'with objectives, nothing blocks saving a draft written in pieces');
            for (const a of cardActions(form).filter((x: Card) => String(x.verb).startsWith('progress.')))
                assert.notEqual(a.associatedInputs, 'none', `${a.title} must send the inputs`);
            assert.equal(cardActions(form).find((a: Card) => a.title === 'Save draft').associatedInputs, 'auto');

            await noObjectivesForKhog();
            const only = asCard(await invoke(priya, VERBS.progressOpen, kh));
            const checked = cardInputs(only).filter((i: Card) => i.isRequired === true || i.regex);
            assert.deepEqual(
                checked.map((i: Card) => i.id),
                ['otherMatters'],
            );
            for (const i of checked) {
                assert.equal(i.isRequired, true);
                assert.match(i.label, /Other important matters/);
                assert.match(i.errorMessage, /this is the whole update/);
            }
        });

        it('a form with no objectives says who assigns them in words for the reader: the manager is told they can, a chair whom to ask', async () => {
            await noObjectivesForKhog();
            const mine = cardText(asCard(await invoke(morgan, VERBS.progressOpen, kh)));
            assert.match(mine, /you can assign objectives/);
            assert.doesNotMatch(mine, /the partnership manager can assign/);
            const chairs = cardText(asCard(await invoke(priya, VERBS.progressOpen, kh)));
            assert.match(
                chairs,
                /To have objectives assigned, ask the partnership manager, Morgan Ellis \(morgan\.ellis@example\.com\)\./,
            );
        });

        it("a milestone's new date is checked by its format on the client, with a label and an error message", async () => {
            await bot.runtime.deps.store.transact((d) => {
                d.milestones.push({
                    id: 'am-1',
                    groupId: 'asset-management',
                    ref: 'HW9',
                    description: 'Overheating survey complete',
                    outcomes: '',
                    lead: '',
                    timescale: 'September 2026',
                    target: '2026-09',
                    ongoing: false,
                    state: 'on_track',
                    stateAssumed: false,
                    update: '',
                    updateLabel: '',
                    history: [],
                });
            });
            const form = asCard(await invoke(priya, VERBS.progressOpen, am));
            const date = cardInputs(form).find((i: Card) => i.id === 'msdate_am-1');
            assert.ok(date, "the form has the milestone's date box");
            assert.ok(date.label);
            assert.ok(date.errorMessage);
            const re = new RegExp(date.regex);
            assert.ok(re.test('2027-03') && re.test('2027-03-31'));
            assert.ok(!re.test('next spring') && !re.test('2027-13'));
        });

        it('an empty objective on submit is refused, nothing is stored, and the form comes back with the error under that box and the text kept', async () => {
            const before = snapshot();
            const body = await invoke(priya, VERBS.progressSubmit, {
                ...am,
                basedOn: 0,
                text_HW9: '  ',
                otherMatters: 'Joint work with KHOG.',
            });
            const card = asCard(body);
            assert.deepEqual(snapshot(), before);
            assert.deepEqual(await versions('asset-management'), []);
            assert.equal(
                errorAtInput(card, 'text_HW9'),
                'Write what the group did this period or plans to do for HW9.',
            );
            assert.equal(errorAtInput(card, 'otherMatters'), undefined);
            assert.deepEqual(allFieldErrors(card).length, 1, 'the error is at the field, not elsewhere');
            assert.doesNotMatch(cardText(card), /No change/i, 'this form has no "no change" box');
            assert.match(cardText(card), /Not submitted: 1 answer is needed, shown below its box\. Nothing was saved/);
            assert.equal(cardInputs(card).find((i: Card) => i.id === 'otherMatters').value, 'Joint work with KHOG.');
            assert.ok(
                cardActions(card).some((a: Card) => a.title === 'Submit'),
                'the form, ready to submit again',
            );
        });

        it('where last time\'s text is on the form, the message at the box offers the "no change" box the form has', async () => {
            await seedLastTime();
            const card = asCard(await invoke(priya, VERBS.progressSubmit, { ...am, basedOn: 0, text_HW9: '' }));
            assert.ok(cardInputs(card).some((i: Card) => i.id === 'nochange_HW9'));
            assert.equal(
                errorAtInput(card, 'text_HW9'),
                'Write what the group did this period or plans to do for HW9, or tick "No change since last update".',
            );
            assert.deepEqual(await versions('asset-management'), []);
        });

        it('a group with no objectives whose client skipped the check: refused, nothing stored, the error under "Other important matters"', async () => {
            await noObjectivesForKhog();
            const card = asCard(await invoke(priya, VERBS.progressSubmit, { ...kh, basedOn: 0, otherMatters: '   ' }));
            assert.match(errorAtInput(card, 'otherMatters')!, /this is the whole update/);
            assert.deepEqual(allFieldErrors(card).length, 1);
            assert.doesNotMatch(cardText(card), /No change|Action this period/i);
            assert.deepEqual(await versions('khog'), []);
        });

        it('help ticked without saying what: refused on submit at "What help is needed", kept as a draft', async () => {
            const card = asCard(
                await invoke(priya, VERBS.progressSubmit, {
                    ...am,
                    basedOn: 0,
                    text_HW9: 'Survey under way.',
                    help_HW9: 'true',
                    helpfrom_HW9: 'board',
                    helpneed_HW9: '',
                }),
            );
            assert.equal(
                errorAtInput(card, 'helpneed_HW9'),
                'Say what help is needed for HW9, or untick "Help needed with this objective".',
            );
            assert.equal(cardInputs(card).find((i: Card) => i.id === 'help_HW9').value, 'true');
            assert.equal(cardInputs(card).find((i: Card) => i.id === 'helpfrom_HW9').value, 'board');
            assert.equal(cardInputs(card).find((i: Card) => i.id === 'text_HW9').value, 'Survey under way.');
            assert.deepEqual(await versions('asset-management'), []);
            const draft = asCard(
                await invoke(priya, VERBS.progressSaveDraft, {
                    ...am,
                    basedOn: 0,
                    text_HW9: 'Survey under way.',
                    help_HW9: 'true',
                    helpneed_HW9: '',
                }),
            );
            assert.deepEqual(allFieldErrors(draft), []);
            assert.equal((await versions('asset-management')).length, 1);
        });

        it('every message at a field names only controls the form has', async () => {
            await seedLastTime();
            const card = asCard(
                await invoke(priya, VERBS.progressSubmit, {
                    ...am,
                    basedOn: 0,
                    text_HW9: '',
                    help_HW9: 'true',
                    helpneed_HW9: '',
                }),
            );
            const errors = allFieldErrors(card);
            assert.equal(errors.length, 2);
            const labels = cardInputs(card).map((i: Card) => String(i.label ?? i.title ?? ''));
            for (const quoted of errors.flatMap((e) => [...e.matchAll(/"([^"]+)"/g)].map((m) => m[1])))
                assert.ok(
                    labels.some((l) => l.startsWith(quoted)),
                    `"${quoted}" is not a box on the form (${labels.join('; ')})`,
                );
        });
    });

    it('the manager may submit on behalf of a group, recorded as such', async () => {
        const card = asCard(
            await invoke(morgan, VERBS.progressSubmit, { ...am, basedOn: 0, text_HW9: 'From the chair by e-mail.' }),
        );
        assert.match(cardText(card), /on behalf of the group/);
        assert.equal((await versions('asset-management'))[0].onBehalf, true);
    });

    it('when the store is slow, answers within the deadline, then replaces the card once the write is durable', async () => {
        await bot.stop();
        bot = await startBot({
            data: data(),
            clock,
            features: [helpFeature, createProgressFeature({ saveDeadlineMs: 300 })],
        });
        const set = updatesOf(bot.runtime.deps.store);
        const transact = set.transact.bind(set);
        sinon.stub(set, 'transact').callsFake(async (key, mutate) => {
            await new Promise((r) => setTimeout(r, 800));
            return transact(key, mutate);
        });
        const answer = asMessage(
            await invoke(priya, VERBS.progressSubmit, { ...am, basedOn: 0, text_HW9: 'Slow but safe.' }, 'card-7'),
        );
        assert.match(answer, /Saving your update for Asset Management/);
        assert.equal((await versions('asset-management')).length, 0, 'answered before the write finished');
        const update = await connector.waitFor((c) => c.kind === 'update' && c.activityId === 'card-7', 5000);
        assert.match(cardText(update.body.attachments[0].content), /Submitted by Priya Shah/);
        sinon.restore();
        assert.equal((await versions('asset-management')).length, 1);
    });

    it('a restart loses nothing that was acknowledged', async () => {
        await invoke(priya, VERBS.progressSubmit, { ...am, basedOn: 0, text_HW9: 'Acknowledged text.' });
        const file = bot.storeFile;
        await bot.stop(true);
        bot = await startBot({ storeFile: file, clock, features: [helpFeature, createProgressFeature()] });
        const view = asCard(await invoke(priya, VERBS.progressRefresh, am));
        assert.match(cardText(view), /Acknowledged text\./);
    });
});
