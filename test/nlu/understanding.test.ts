/** Answer, ask or admit not knowing: the decision on a recognition, and who is asking. */
import assert from 'node:assert/strict';
import { INTENT_AUDIENCE, isFor, rolesOf } from '../../src/domain/help.js';
import type { Person } from '../../src/domain/people.js';
import { NONE, type Recognition } from '../../src/nlu/recognizer.js';
import { RULES, understand } from '../../src/nlu/understanding.js';
import { seedRecognizer } from '../helpers/nlu.js';

/** A recognition with these scores (the rest of 1 is "None"). */
function recognition(scores: Record<string, number>): Recognition {
    const alternatives = Object.entries(scores)
        .map(([intent, score]) => ({ intent, score }))
        .sort((a, b) => b.score - a.score);
    const none = 1 - alternatives.reduce((s, a) => s + a.score, 0);
    const best = alternatives[0];
    return {
        intent: !best || none > best.score ? NONE : best.intent,
        score: Math.max(best?.score ?? 0, none),
        alternatives,
        entities: [],
        unknown: [],
        related: [],
    };
}

const everyone = () => true;
const person = (role: 'chair' | 'member' | 'manager'): Person => ({
    name: 'X',
    email: 'x@example.com',
    entries: [{ groupId: role === 'manager' ? null : 'khog', role, name: 'X', email: 'x@example.com' }],
    isManager: role === 'manager',
});
const forPerson = (p: Person | undefined) => (intent: string) => isFor(intent, rolesOf(p));

describe('understanding a recognition', () => {
    const cases: [string, Record<string, number>, ReturnType<typeof understand>][] = [
        [
            'a clear best intent is answered',
            { 'protocols.due': 0.9, 'update.next': 0.05 },
            { kind: 'intent', intent: 'protocols.due', score: 0.9 },
        ],
        [
            'exactly at the confidence line is answered',
            { digest: RULES.confident, help: 0.2 },
            { kind: 'intent', intent: 'digest', score: RULES.confident },
        ],
        [
            'two close intents are both offered, best first',
            { 'protocols.due': 0.5, 'update.next': 0.45 },
            {
                kind: 'clarify',
                choices: [
                    { intent: 'protocols.due', score: 0.5 },
                    { intent: 'update.next', score: 0.45 },
                ],
            },
        ],
        [
            'at most three intents are offered, and none below the offer line',
            { a: 0.3, b: 0.25, c: 0.2, d: 0.16, e: 0.05 },
            {
                kind: 'clarify',
                choices: [
                    { intent: 'a', score: 0.3 },
                    { intent: 'b', score: 0.25 },
                    { intent: 'c', score: 0.2 },
                ],
            },
        ],
        [
            'a weak single guess ahead of "something else" is offered alone',
            { 'protocols.one': 0.5, help: 0.1 },
            { kind: 'clarify', choices: [{ intent: 'protocols.one', score: 0.5 }] },
        ],
        [
            'a guess no stronger than "something else" is declined, the guess offered as the nearest thing',
            { 'protocols.first': 0.3, 'protocols.due': 0.15, digest: 0.05 },
            {
                kind: 'none',
                nearest: [
                    { intent: 'protocols.first', score: 0.3 },
                    { intent: 'protocols.due', score: 0.15 },
                ],
                related: true,
            },
        ],
        [
            'help and greetings are never offered as the nearest thing (the decline offers help itself)',
            { help: 0.3, greet: 0.1, 'update.next': 0.12 },
            { kind: 'none', nearest: [{ intent: 'update.next', score: 0.12 }], related: true },
        ],
        [
            'nothing near enough is declined with nothing near',
            { help: 0.1, digest: 0.05 },
            { kind: 'none', nearest: [], related: false },
        ],
        ['no intent at all is declined with nothing near', {}, { kind: 'none', nearest: [], related: false }],
        [
            'a greeting is never offered as a choice',
            { greet: 0.45, 'update.next': 0.4 },
            { kind: 'clarify', choices: [{ intent: 'update.next', score: 0.4 }] },
        ],
        [
            'an unsure greeting alone is answered as a greeting',
            { greet: 0.5 },
            { kind: 'intent', intent: 'greet', score: 0.5 },
        ],
    ];
    for (const [name, scores, expected] of cases) {
        it(name, () => {
            const got = understand(recognition(scores), everyone);
            if (got.kind === 'clarify' && expected.kind === 'clarify') {
                assert.deepEqual(
                    got.choices.map((c) => c.intent),
                    expected.choices.map((c) => c.intent),
                );
            } else if (got.kind === 'none' && expected.kind === 'none') {
                assert.deepEqual(
                    got.nearest.map((c) => c.intent),
                    expected.nearest.map((c) => c.intent),
                );
            } else
                assert.deepEqual(
                    got.kind === 'intent' ? { ...got, score: Number(got.score.toFixed(6)) } : got,
                    expected,
                );
        });
    }
});

describe('who is asking', () => {
    it('late groups and reminder delivery are for the partnership manager only; the digest for the manager and observers', () => {
        for (const intent of ['groups.late', 'reminders.report', 'board.meeting', 'updates.reopen'])
            assert.deepEqual(INTENT_AUDIENCE[intent], ['manager']);
        assert.deepEqual(INTENT_AUDIENCE.digest, ['manager', 'observer']);
        assert.equal(isFor('digest', rolesOf(person('manager'))), true);
        assert.equal(isFor('digest', rolesOf(person('chair'))), false);
        assert.equal(isFor('protocols.due', rolesOf(undefined)), true);
        assert.equal(isFor('update.next', rolesOf(undefined)), false);
    });

    it("a chair whose message leans to a manager's intent with a close runner-up is asked about the runner-up only (the other would only refuse)", () => {
        const r = recognition({ 'groups.late': 0.62, 'update.next': 0.33 });
        assert.deepEqual(understand(r, forPerson(person('manager'))), {
            kind: 'intent',
            intent: 'groups.late',
            score: 0.62,
        });
        const forChair = understand(r, forPerson(person('chair')));
        assert.equal(forChair.kind, 'clarify');
        assert.deepEqual(forChair.kind === 'clarify' && forChair.choices.map((c) => c.intent), ['update.next']);
    });

    it("a chair whose message can only mean a manager's intent is given its polite refusal, never a choice that refuses", () => {
        const got = understand(recognition({ digest: 0.7 }), forPerson(person('chair')));
        assert.equal(got.kind === 'intent' && got.intent, 'digest');
    });

    it("a declined message offers the asker only what is theirs, and still says it is near the bot's work", () => {
        const got = understand(recognition({ 'round.start': 0.3 }), forPerson(person('member')));
        assert.deepEqual(got, { kind: 'none', nearest: [], related: true });
        const manager = understand(recognition({ 'round.start': 0.3 }), forPerson(person('manager')));
        assert.deepEqual(manager.kind === 'none' && manager.nearest.map((n) => n.intent), ['round.start']);
    });

    it('a chair whose runner-up is clearly ahead once the manager-only intent is set back gets the runner-up', () => {
        const r = recognition({ digest: 0.5, 'update.next': 0.48 });
        const forChair = understand(r, forPerson(person('chair')));
        assert.equal(forChair.kind, 'intent');
        assert.equal(forChair.kind === 'intent' && forChair.intent, 'update.next');
    });

    it('a chair who plainly asks for the digest still gets the digest (and so its polite refusal)', () => {
        const got = understand(recognition({ digest: 0.95, help: 0.02 }), forPerson(person('chair')));
        assert.equal(got.kind === 'intent' && got.intent, 'digest');
    });

    it('with the real recogniser: "anyone overdue?" is asked about, naming both meanings', async () => {
        const r = await (await seedRecognizer()).recognize('anyone overdue?');
        const got = understand(r, forPerson(person('manager')));
        assert.equal(got.kind, 'clarify');
        assert.deepEqual(got.kind === 'clarify' && got.choices.map((c) => c.intent).sort(), [
            'groups.late',
            'protocols.due',
        ]);
    });
});
