/**
 * The protocol register over HTTP with the seed register (seed 000) on a fixed day: the answers a
 * reader of the papers expects, one document, what to review first, paging, and the manager's changes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { StoreData } from '../../src/domain/model.js';
import { readSeed } from '../../src/store/store.js';
import { VERBS } from '../../src/bot/verbs.js';
import { cardAction, message, type Sender } from '../helpers/activities.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { FakeConnector } from '../helpers/fakeConnector.js';
import { IDS } from '../helpers/fixtures.js';
import { bigRegister } from '../helpers/protocols.js';
import { cardText, cardActions } from '../helpers/cards.js';

const morgan: Sender = { id: '29:morgan', name: 'Morgan Ellis', aadObjectId: IDS.manager };
const priya: Sender = { id: '29:priya', name: 'Priya Shah', aadObjectId: IDS.chairOfTwo }; // chair of Asset Management and KHOG
const jo: Sender = { id: '29:jo', name: 'Jo Baker', aadObjectId: IDS.member };
const stranger: Sender = { id: '29:pat', name: 'Pat Visitor', aadObjectId: '99999999-9999-4999-8999-999999999999' };
const clock = () => new Date('2026-11-23T10:00:00Z');

const seed = (): StoreData => readSeed(path.resolve('data/seed.json'), path.resolve('data/demo.json'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card as the bot sent it; each test reads the parts it asserts
type Card = any;
interface InvokeBody {
    statusCode: number;
    type: string;
    value: unknown;
}

/** The sections of a due card by heading, each with the text of its rows. */
function sections(card: Card): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const c of card.body.filter((b: Card) => b.type === 'Container' && b.items?.[0]?.weight === 'Bolder')) {
        const heading = c.items[0].text.replace(/ \(.*$/, '');
        map.set(
            heading,
            c.items.filter((i: Card) => i.type === 'Container').map((i: Card) => cardText(i)),
        );
    }
    return map;
}

/** The due card's count tiles: label to number. */
function tiles(card: Card): Map<string, number> {
    return new Map(
        card.body
            .find((b: Card) => b.type === 'ColumnSet')
            .columns.map((c: Card) => [c.items[1].text as string, Number(c.items[0].text)]),
    );
}

/** The document titles in rows of a due card's section. */
const titlesOf = (rows: string[]) =>
    rows.map((r) =>
        r
            .split('\n')
            .find((l) => l.startsWith('**'))!
            .replace(/\*\*/g, '')
            .replace(/ · key document$/, ''),
    );

/** Every document title the due card lists, across its sections. */
const sectionTitles = (card: Card) => [...sections(card).values()].flatMap(titlesOf);

describe('the protocol register in chat (seed register, 23 November 2026)', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;

    async function ask(who: Sender, text: string): Promise<Card> {
        connector.reset();
        const res = await bot.post(message(who, text, { serviceUrl: connector.url }));
        assert.equal(res.status, 200);
        const [reply] = connector.activities();
        assert.ok(reply, `no reply to "${text}"`);
        return reply;
    }
    const askCard = async (who: Sender, text: string) => {
        const reply = await ask(who, text);
        assert.ok(reply.attachments?.[0], `expected a card for "${text}", got: ${reply.text}`);
        return reply.attachments[0].content;
    };
    async function invoke(who: Sender, verb: string, data: Record<string, unknown>): Promise<InvokeBody> {
        const res = await bot.post(cardAction(who, verb, data, { serviceUrl: connector.url, replyToId: 'card-1' }));
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body as InvokeBody;
    }
    const cardOf = (b: InvokeBody): Card => {
        assert.equal(
            b.type,
            'application/vnd.microsoft.card.adaptive',
            `expected a card, got: ${JSON.stringify(b.value)}`,
        );
        return b.value;
    };
    const messageOf = (b: InvokeBody): string => {
        assert.equal(b.type, 'application/vnd.microsoft.activity.message', `expected a message, got a ${b.type}`);
        return b.value as string;
    };

    /** A change form pressed, then its confirmation card's Confirm: the applied card. */
    async function confirmed(who: Sender, verb: string, data: Record<string, unknown>): Promise<Card> {
        const preview = cardOf(await invoke(who, verb, data));
        const confirm = cardActions(preview).find((a: Card) => a.verb === VERBS.manageConfirm);
        assert.ok(confirm, `no Confirm on ${cardText(preview)}`);
        return cardOf(await invoke(who, VERBS.manageConfirm, confirm.data));
    }
    const documentCard = async (who: Sender, id: string) => cardOf(await invoke(who, VERBS.protocolsShow, { id }));

    beforeEach(async () => {
        connector = await new FakeConnector().start();
        bot = await startBot({ data: seed(), clock });
    });
    afterEach(async () => {
        await bot.stop();
        await connector.stop();
    });

    describe('"which protocols are due for review?"', () => {
        it('answers as a reader of the register paper (seed 000) expects: the evidence grouped by meaning, each fact with its date, nothing "overdue by years"', async () => {
            const card = await askCard(jo, 'Which protocols are due for review?');
            const text = cardText(card);
            assert.match(text, /Protocols and guides: where each review stands/);
            assert.match(
                text,
                /On 23 Nov 2026, on the evidence recorded; coming up means within 90 days \(by 21 Feb 2027\)/,
            );
            assert.match(
                text,
                /The partnership has set no review cycle, so only documents that state a date have one\./,
            );
            const counts = card.body
                .find((b: Card) => b.type === 'ColumnSet')
                .columns.map((c: Card) => `${c.items[1].text}: ${c.items[0].text}`);
            assert.deepEqual(counts, [
                'Date passed: 1',
                'Due on other evidence: 7',
                'Under review: 6',
                'Owners deciding: 1',
                'Waiting for advice or nothing recorded: 6',
                'Not due: just reviewed, a later date, a draft or withdrawn: 1',
            ]);
            const s = sections(card);
            const titles = (heading: string) =>
                (s.get(heading) ?? []).map((r) =>
                    r
                        .split('\n')
                        .find((l) => l.startsWith('**'))!
                        .replace(/\*\*/g, '')
                        .replace(/ · key document$/, ''),
                );
            assert.deepEqual(titles('A review date on record has passed'), [
                'Kent high priority rehousing reciprocal scheme',
            ]);
            assert.match(
                s.get('A review date on record has passed')![0],
                /Its stated review date, Sept 2021, has passed \(not confirmed since 2020\)/,
            );
            assert.deepEqual(titles('Flagged as due for review'), [
                'KHG Pre eviction protocol',
                'Kent and Medway Duty to refer protocol',
                'Kent and Medway Homelessness Local Connection Referral Protocol',
            ]);
            for (const r of s.get('Flagged as due for review')!)
                assert.match(
                    r,
                    /Flagged as due for review by the KHG website: "The website indicates it is due (to|for) review now\." \(not confirmed since 2022\)/,
                );
            assert.deepEqual(titles('The owner says it needs review'), ['Kent Fuel Poverty Strategy']);
            assert.match(
                s.get('The owner says it needs review')![0],
                /The owner's own word \(KEEP\): "KEEP is aware that it needs reviewing now\."/,
            );
            assert.deepEqual(titles('Probably due: a judgement'), [
                'Moving on or Moving In',
                'Housing pathway for criminal justice service users',
                'Temporary Accommodation Placing protocol',
            ]);
            assert.match(s.get('Probably due: a judgement')![0], /A judgement by the partnership manager/);
            assert.deepEqual(titles('Waiting for advice on whether a review is needed').sort(), [
                'Better Homes: Greater Choice; Kent Social Care Accommodation Strategy',
                'Better Homes: Housing for the Third Age',
                'Better Homes; Accessible Housing Framework',
                'Kent Community Led Planning Guide',
                'Kent Viability Protocol',
            ]);
            assert.deepEqual(titles('The owners are deciding whether it is still needed'), [
                'KHG Guide to virtual lettings',
            ]);
            assert.equal(s.get('Already under review')!.length, 6);
            assert.match(
                s.get('Already under review')!.find((r) => r.includes('Joint protocol for young people'))!,
                /Review under way, led by KHOG and KCC \(not confirmed since 2022\)/,
            );
            assert.deepEqual(titles('Nothing recorded'), ['Delivering Growth, The Kent Planning Protocol']);
            assert.doesNotMatch(text, /[Oo]verdue (by|for) \d/);
            assert.doesNotMatch(text, /partnership's default/);
            assert.doesNotMatch(text, /mutual exchange/i, 'the draft is not due');
            assert.match(
                text,
                /22 documents in all, each counted once above\. 1 is a draft or withdrawn, so never due\./,
            );
        });

        it("the due card's tiles partition the seed register: they add up to the total stated, and every document is in exactly one place", async () => {
            const card = await askCard(jo, 'Which protocols are due for review?');
            const data = seed();
            const t = tiles(card);
            const total = Number(/(\d+) documents in all/.exec(cardText(card))![1]);
            assert.equal(total, data.protocols.length);
            assert.equal(
                [...t.values()].reduce((a, b) => a + b, 0),
                total,
                `tiles ${JSON.stringify([...t])} sum to the total stated`,
            );
            const listed = sectionTitles(card);
            assert.equal(new Set(listed).size, listed.length, `a document listed twice: ${listed.join('; ')}`);
            const never = data.protocols.filter((p) => p.status === 'draft' || p.status === 'withdrawn');
            assert.equal(listed.length + t.get('Not due: just reviewed, a later date, a draft or withdrawn')!, total);
            assert.deepEqual(
                [...listed].sort(),
                data.protocols
                    .filter((p) => !never.includes(p))
                    .map((p) => p.title)
                    .sort(),
            );
            // Each tile is the sum of the sections it stands for, so no section is counted in two tiles.
            const n = (heading: string) => sections(card).get(heading)?.length ?? 0;
            assert.equal(t.get('Date passed'), n('A review date on record has passed'));
            assert.equal(
                t.get('Due on other evidence'),
                n('Flagged as due for review') +
                    n('The owner says it needs review') +
                    n('Probably due: a judgement') +
                    n('A review date on record is coming up'),
            );
            assert.equal(t.get('Under review'), n('Already under review'));
            assert.equal(t.get('Under review'), data.protocols.filter((p) => p.status === 'under_review').length);
        });

        it('each document says once that it has no date on record (and who leads its review), in the due list and on its own card', async () => {
            const card = await askCard(jo, 'Which protocols are due for review?');
            const rows = [...sections(card).values()].flat();
            assert.ok(rows.length > 15);
            for (const r of rows) {
                assert.ok((r.match(/no (review )?date on record/gi) ?? []).length <= 1, `said twice in: ${r}`);
                assert.ok((r.match(/led by/g) ?? []).length <= 1, `the review lead twice in: ${r}`);
            }
            assert.ok(rows.some((r) => r.includes('No date on record')));
            for (const p of seed().protocols) {
                const shown = cardText(cardOf(await invoke(jo, VERBS.protocolsShow, { id: p.id })));
                assert.ok(
                    (shown.match(/no (review )?date on record/gi) ?? []).length <= 1,
                    `${p.id}'s card says it twice:\n${shown}`,
                );
            }
        });

        it("KHOG's list counts under review the KHOG documents whose review is under way, and its tiles add up", async () => {
            const card = await askCard(jo, "which of KHOG's protocols are due for review?");
            const khogs = seed().protocols.filter(
                (p) => p.ownerGroups.includes('khog') || p.reviewers.includes('khog'),
            );
            const underWay = khogs.filter((p) => p.status === 'under_review');
            assert.ok(underWay.length >= 4, 'the seed register has KHOG reviews under way');
            const t = tiles(card);
            assert.equal(t.get('Under review'), underWay.length);
            assert.deepEqual(
                titlesOf(sections(card).get('Already under review')!).sort(),
                underWay.map((p) => p.title).sort(),
            );
            const total = Number(/(\d+) documents in all/.exec(cardText(card))![1]);
            assert.equal(total, khogs.length);
            assert.equal(
                [...t.values()].reduce((a, b) => a + b, 0),
                total,
            );
        });

        it('"which of our protocols are due?" from a chair of two groups shows their groups\' documents only', async () => {
            const card = await askCard(priya, 'which of our protocols are due for review?');
            const text = cardText(card);
            assert.match(text, /Your groups' protocols: where each review stands/);
            assert.match(text, /Kent high priority rehousing reciprocal scheme/);
            assert.doesNotMatch(text, /Kent Viability Protocol|Fuel Poverty/);
        });

        it('"which of KHOG\'s protocols are overdue?" shows only KHOG\'s documents whose review date has passed', async () => {
            const card = await askCard(jo, "which of KHOG's protocols are overdue?");
            const text = cardText(card);
            assert.match(text, /KHOG's protocols: review date passed/);
            const passed = sections(card).get('A review date on record has passed')!;
            assert.deepEqual(
                passed.map((r) => r.split('\n').find((l) => l.startsWith('**'))),
                ['**Kent high priority rehousing reciprocal scheme**'],
            );
            assert.equal(sections(card).size, 1);
            const total = Number(/(\d+) documents in all/.exec(cardText(card))![1]);
            assert.deepEqual(
                [...tiles(card)],
                [
                    ['Date passed', 1],
                    ['Not passed, or no date', total - 1],
                ],
            );
        });

        it('"what\'s due in the next six months" uses that horizon', async () => {
            const text = cardText(await askCard(jo, "what's due for review in the next six months?"));
            assert.match(text, /coming up means within the next 6 months \(by 23 May 2027\)/);
        });
    });

    describe('one document', () => {
        it('"tell me about the KRS" answers with its card: owners, dates, state, history', async () => {
            const card = await askCard(jo, 'tell me about the KRS');
            const text = cardText(card);
            assert.match(text, /^Kent high priority rehousing reciprocal scheme$/m);
            assert.match(text, /Owners\nKent Housing Options Group/);
            assert.match(text, /Review date\nIts stated review date, Sept 2021, has passed/);
            assert.match(
                text,
                /It states its own review: Sept 2021, then annually, at a local-authority-only KHOG meeting/,
            );
            assert.match(text, /Flagged as due for review by the KHG website/);
            assert.match(text, /The paper says\nReviewed and updated by KHOG in 2020/);
            assert.match(text, /the starting register: Imported: From the paper on the documents on the KHG website/);
            assert.doesNotMatch(JSON.stringify(card), /register\.markReviewed/, 'no change buttons for a member');
        });

        it('"who owns the pre-eviction protocol?" names both owning groups', async () => {
            const text = cardText(await askCard(priya, 'who owns the pre-eviction protocol?'));
            assert.match(text, /Owners\nKent Housing Options Group, Tenancy Management/);
        });

        it('"when is the young persons protocol due for review?" says it is under review, as the paper recorded in 2022, with no review date', async () => {
            const text = cardText(await askCard(jo, 'when is the young persons protocol due for review?'));
            assert.match(text, /Review under way, led by KHOG and KCC \(not confirmed since 2022\)/);
            assert.match(text, /Review date\nNo review date on record/);
            assert.match(text, /Named to review it\nKent Housing Options Group, Kent County Council/);
            assert.match(text, /Owners\nNone on record/);
        });

        it('the Kent Planning Protocol shows "key" as importance and says nothing is recorded about a review', async () => {
            const text = cardText(await askCard(jo, 'tell me about the Kent planning protocol'));
            assert.match(text, /Importance\nA planning adviser advised \(2022\) that it is the key document/);
            assert.match(text, /Nothing recorded about whether it needs review/);
            assert.equal(text.match(/no (review )?date on record/gi)?.length, 1, 'the missing date is said once');
            assert.match(text, /Review date\nNo review date on record/);
            assert.match(text, /Review cycle\nNone set: the partnership has no review-cycle policy/);
        });

        it('an ambiguous name gets a choice, and choosing opens the document', async () => {
            const card = await askCard(jo, 'tell me about better homes');
            assert.match(cardText(card), /Which one did you mean\?/);
            const choice = cardActions(card).find((a: Card) => a.title === 'Better Homes: Housing for the Third Age');
            assert.equal(choice.verb, VERBS.protocolsShow);
            const opened = cardOf(await invoke(jo, choice.verb, choice.data));
            assert.match(cardText(opened), /^Better Homes: Housing for the Third Age$/m);
        });

        it('an unknown name gets a helpful message', async () => {
            const reply = await ask(jo, 'tell me about the zebra crossing charter');
            assert.match(reply.text, /couldn't find a document called "zebra crossing charter"/);
        });
    });

    it('"what should we review first?" ranks on the evidence: the stated date passed, then the website\'s flags; key is not urgency; loads beside', async () => {
        const card = await askCard(morgan, 'what should we review first?');
        const text = cardText(card);
        assert.match(
            text,
            /\*\*1\. Kent high priority rehousing reciprocal scheme\*\*\n- 1st on the evidence: a review date on record has passed\n- Its stated review date, Sept 2021, has passed \(not confirmed since 2020\)\n- Owners: Kent Housing Options Group/,
        );
        assert.match(text, /\*\*2\. KHG Pre eviction protocol\*\*\n- 2nd on the evidence: flagged as due for review/);
        assert.match(text, /\*\*3\. Kent and Medway Duty to refer protocol\*\*/);
        assert.doesNotMatch(text, /\*\*4\. /);
        assert.doesNotMatch(text, /Kent Planning Protocol/, 'no evidence asks for its review');
        assert.doesNotMatch(text, /capacity the groups have/);
        assert.match(text, /5 more ask for a review after these/);
        assert.match(text, /6 reviews are already under way and not ranked/);
        assert.match(text, /Apart, to decide rather than review: KHG Guide to virtual lettings/);
        assert.match(
            text,
            /Each group's load in the register\nKent Housing Options Group\n\d+ reviews under way, 1 draft, 4 due on the evidence/,
        );
        assert.match(text, /Being a key document is importance, not urgency/);
    });

    it('"what should KHOG review first?" ranks KHOG\'s documents only, with KHOG\'s load', async () => {
        const text = cardText(await askCard(priya, 'what should KHOG review first?'));
        assert.match(text, /What to review first \(KHOG's documents\)/);
        assert.match(text, /\*\*1\. Kent high priority rehousing reciprocal scheme\*\*/);
        assert.match(text, /\*\*2\. KHG Pre eviction protocol\*\*/);
        assert.match(text, /\*\*3\. Kent and Medway Duty to refer protocol\*\*/);
        assert.match(text, /1 more asks for a review after these/);
        assert.match(
            text,
            /Each group's load in the register\nKent Housing Options Group\n4 reviews under way, 1 draft, 4 due on the evidence/,
        );
    });

    it('the due list\'s "What should we review first?" button answers with the same filter', async () => {
        const due = await askCard(jo, "which of KHOG's protocols are due?");
        const button = due.actions.find((a: Card) => a.title === 'What should we review first?');
        assert.deepEqual(button.data.filter.groupIds, ['khog']);
        const first = cardOf(await invoke(jo, button.verb, button.data));
        assert.match(cardText(first), /\*\*1\. Kent high priority rehousing reciprocal scheme\*\*/);
    });

    describe("the manager's changes from a document's card", () => {
        it('the manager marks the KRS reviewed and confirms: stored with who and when, in its history, and the card says so', async () => {
            const applied = await confirmed(morgan, VERBS.registerMarkReviewed, {
                id: 'reciprocal-scheme',
                reviewedOn: '2026-11-16',
                nextReview: '',
                cycleMonths: '12',
                note: 'Reviewed at KHOG',
            });
            assert.match(
                cardText(applied),
                /Kent high priority rehousing reciprocal scheme is recorded as last reviewed on 16 Nov 2026/,
            );
            const card = await documentCard(morgan, 'reciprocal-scheme');
            assert.match(cardText(card), /Comes due 16 Nov 2027 \(last reviewed 16 Nov 2026, its own 12-month cycle\)/);
            assert.match(cardText(card), /Record as at\nrecorded by Morgan Ellis, 23 Nov 2026 \(as at 23 Nov 2026\)/);
            assert.doesNotMatch(
                cardText(card),
                /Flagged as due for review by the KHG website/,
                'the 2022 flag is superseded by the review',
            );
            assert.match(JSON.stringify(card), /register\.addNote/, 'the manager keeps the forms');
            const krs = (JSON.parse(fs.readFileSync(bot.storeFile, 'utf8')) as StoreData).protocols.find(
                (p) => p.id === 'reciprocal-scheme',
            )!;
            assert.equal(krs.lastReviewed, '2026-11-16');
            assert.equal(krs.nextReview, undefined);
            const event = krs.history.at(-1)!;
            assert.deepEqual(
                [event.kind, event.by, event.at, event.note],
                ['reviewed', 'morgan.ellis@example.com', '2026-11-23T10:00:00.000Z', 'Reviewed at KHOG'],
            );
            // The due list follows.
            const due = await askCard(jo, 'which protocols are due?');
            assert.ok(!sections(due).has('A review date on record has passed'));
            assert.doesNotMatch(cardText(due), /reciprocal scheme/);
        });

        it('the manager starts a review, sets a state and adds a note, each confirmed; each is kept in the history', async () => {
            await confirmed(morgan, VERBS.registerStartReview, {
                id: 'kent-planning-protocol',
                lead: 'kpog',
                leadDetail: 'KHDG and KCC',
                note: '',
            });
            await confirmed(morgan, VERBS.registerSetStatus, {
                id: 'fuel-poverty-strategy',
                status: 'withdrawn',
                note: 'Replaced by the new KEEP strategy',
            });
            await confirmed(morgan, VERBS.registerAddNote, {
                id: 'kent-planning-protocol',
                note: 'First meeting in January',
            });
            const card = await documentCard(morgan, 'kent-planning-protocol');
            assert.match(cardText(card), /Morgan Ellis: Note: First meeting in January/);
            assert.match(
                cardText(card),
                /Morgan Ellis: Review started: state current → under review; review lead none → Kent Planning Officers Group with KHDG and KCC/,
            );
            const data = JSON.parse(fs.readFileSync(bot.storeFile, 'utf8')) as StoreData;
            const planning = data.protocols.find((p) => p.id === 'kent-planning-protocol')!;
            assert.equal(planning.status, 'under_review');
            assert.deepEqual(
                planning.history.slice(-2).map((e) => e.kind),
                ['review_started', 'note'],
            );
            assert.equal(data.protocols.find((p) => p.id === 'fuel-poverty-strategy')!.status, 'withdrawn');
        });

        for (const [who, name] of [
            [priya, 'a chair'],
            [jo, 'a member'],
            [stranger, 'someone not on the roster'],
        ] as const) {
            it(`a forged change from ${name} is refused clearly and nothing changes`, async () => {
                await ask(who, 'hello'); // first contact is remembered; after that nothing may change
                const before = fs.readFileSync(bot.storeFile, 'utf8');
                for (const [verb, data] of [
                    [VERBS.registerMarkReviewed, { id: 'reciprocal-scheme', reviewedOn: '2026-11-16' }],
                    [VERBS.registerStartReview, { id: 'reciprocal-scheme', lead: 'khog' }],
                    [VERBS.registerSetStatus, { id: 'reciprocal-scheme', status: 'withdrawn' }],
                    [VERBS.registerAddNote, { id: 'reciprocal-scheme', note: 'forged' }],
                ] as const) {
                    const text = messageOf(await invoke(who, verb, data));
                    assert.equal(text, 'Only the partnership manager can change the register. Nothing was changed.');
                }
                assert.equal(fs.readFileSync(bot.storeFile, 'utf8'), before);
            });
        }

        it("the manager's bad input gets a clear message and nothing changes", async () => {
            await ask(morgan, 'hello');
            const before = fs.readFileSync(bot.storeFile, 'utf8');
            assert.match(
                messageOf(
                    await invoke(morgan, VERBS.registerMarkReviewed, {
                        id: 'reciprocal-scheme',
                        reviewedOn: '2026-12-01',
                    }),
                ),
                /the review date is in the future\. Nothing was changed\./,
            );
            assert.match(
                messageOf(await invoke(morgan, VERBS.registerSetStatus, { id: 'no-such-document', status: 'current' })),
                /can't find that document/,
            );
            assert.match(messageOf(await invoke(morgan, VERBS.registerAddNote, {})), /does not say which document/);
            assert.equal(fs.readFileSync(bot.storeFile, 'utf8'), before);
        });
    });
});

describe('a 500-document register in chat', () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    before(async () => {
        connector = await new FakeConnector().start();
        const data = seed();
        data.protocols = bigRegister(
            500,
            data.groups.map((g) => g.id),
        );
        data.settings = {
            reviewCycle: { months: 36, setBy: 'morgan.ellis@example.com', setAt: '2026-11-01T09:00:00.000Z' },
        };
        bot = await startBot({ data, clock });
    });
    after(async () => {
        await bot.stop();
        await connector.stop();
    });

    it('the answer fits in one message, and "see all" pages through the rest', async () => {
        await bot.post(message(jo, 'which protocols are due for review?', { serviceUrl: connector.url }));
        const [reply] = connector.activities();
        const bytes = Buffer.byteLength(JSON.stringify(reply), 'utf8');
        assert.ok(bytes < 80 * 1024, `the whole message is ${bytes} bytes`);
        const card = reply.attachments[0].content;
        const seeAll =
            /"title":"See all (\d+) with a date passed","verb":"protocols.page","data":(\{[^}]*\{[^}]*\}\})/.exec(
                JSON.stringify(card),
            );
        assert.ok(seeAll, 'a "see all" button');
        const res = await bot.post(
            cardAction(jo, VERBS.protocolsPage, JSON.parse(seeAll[2]), { serviceUrl: connector.url }),
        );
        const page = (res.body as InvokeBody).value as Card;
        assert.ok(Buffer.byteLength(JSON.stringify(page)) < 80 * 1024);
        assert.match(
            cardText(page),
            new RegExp(`A review date on record has passed \\(${seeAll[1]}\\): showing 1 to 25`),
        );
        assert.match(cardText(page), /Back to the summary/);
    });
});

describe("the register answers follow the configuration and the manager's review-cycle policy", () => {
    let connector: FakeConnector;
    let bot: BotUnderTest;
    before(async () => {
        connector = await new FakeConnector().start();
        const data = seed();
        data.protocols = data.protocols.filter((p) =>
            ['pre-eviction-protocol', 'reciprocal-scheme', 'kent-planning-protocol'].includes(p.id),
        );
        data.protocols[0].published = '2026-08';
        data.protocols[0].evidence = [];
        // The policy the manager set: a 12-month cycle for documents that state none.
        data.settings = {
            reviewCycle: { months: 12, setBy: 'morgan.ellis@example.com', setAt: '2026-11-01T09:00:00.000Z' },
        };
        bot = await startBot({ data, clock, env: { DUE_SOON_DAYS: '365', FACTS_CONFIRMED_MONTHS: '120' } });
    });
    after(async () => {
        await bot.stop();
        await connector.stop();
    });

    it('DUE_SOON_DAYS sets the window, the policy dates documents that state none, FACTS_CONFIRMED_MONTHS the age of a fact', async () => {
        await bot.post(message(jo, 'which protocols are due for review?', { serviceUrl: connector.url }));
        const card = connector.activities()[0].attachments[0].content;
        const text = cardText(card);
        assert.match(text, /coming up means within 365 days \(by 23 Nov 2027\)/);
        assert.match(text, /The partnership's review cycle for documents that state none: 12 months\./);
        const soon = sections(card).get('A review date on record is coming up')!;
        assert.equal(soon.length, 1);
        assert.match(
            soon[0],
            /KHG Pre eviction protocol[\s\S]*Comes due Aug 2027 \(published Aug 2026, the partnership's review cycle of 12 months\)/,
        );
        const passed = sections(card).get('A review date on record has passed')!;
        assert.equal(passed.length, 2);
        assert.match(passed.join('\n'), /Its stated review date, Sept 2021, has passed \(as at 2020\)/);
        assert.match(
            passed.join('\n'),
            /Due by 2017 \(published 2016, the partnership's review cycle of 12 months\): that has passed/,
        );
    });
});
