import assert from 'node:assert/strict';
import { FakeConnector } from './fakeConnector.js';
import { enforceTeamsLimits, seededRandom } from './teamsLimits.js';

describe("the fake connector's Teams limits", () => {
    let connector: FakeConnector;
    beforeEach(async () => (connector = await new FakeConnector().start()));
    afterEach(() => connector.stop());

    const send = (conversation: string) =>
        fetch(`${connector.url}/v3/conversations/${encodeURIComponent(conversation)}/activities`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"type":"message"}',
        });

    it('answers the eighth send into one conversation within a second with 429 and Retry-After', async () => {
        let t = 0;
        const stats = enforceTeamsLimits(connector, { now: () => t });
        const statuses: number[] = [];
        for (let i = 0; i < 8; i++) statuses.push((await send('a:one')).status);
        assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 429]);
        assert.equal((await send('a:two')).status, 200, 'another conversation is not held back');
        t = 1001;
        assert.equal((await send('a:one')).status, 429, '8 per 2 seconds still applies');
        t = 2001;
        const ok = await send('a:one');
        assert.equal(ok.status, 200);
        assert.equal(stats.overLimit.conversation, 2);
    });

    it('holds the whole app to its requests per second', async () => {
        let t = 0;
        const stats = enforceTeamsLimits(connector, { appPerSecond: 5, now: () => t });
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) statuses.push((await send(`a:${i}`)).status);
        assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
        const throttled = connector.calls.at(-1)!;
        assert.equal(throttled.status, 429);
        t = 1000;
        assert.equal((await send('a:x')).status, 200);
        assert.equal(stats.overLimit.app, 1);
        assert.equal(stats.peakPerSecond, 6);
    });

    it('injects the faults asked for, the same ones for the same seed, half the 429s without Retry-After', async () => {
        const run = async () => {
            const c = await new FakeConnector().start();
            try {
                const stats = enforceTeamsLimits(c, {
                    appPerSecond: 1e9,
                    perConversation: [],
                    random429: 0.2,
                    random503: 0.1,
                    seed: 7,
                });
                const answers: string[] = [];
                for (let i = 0; i < 400; i++) {
                    const res = await fetch(`${c.url}/v3/conversations/a%3A${i}/activities`, {
                        method: 'POST',
                        headers: { 'content-type': 'application/json' },
                        body: '{}',
                    });
                    answers.push(`${res.status}${res.headers.get('retry-after') ?? ''}`);
                }
                return { answers, stats };
            } finally {
                await c.stop();
            }
        };
        const a = await run();
        const b = await run();
        assert.deepEqual(a.answers, b.answers);
        const count = (s: string) => a.answers.filter((x) => x === s).length;
        assert.ok(count('4291') > 20 && count('4291') < 60, `429 with Retry-After: ${count('4291')}`);
        assert.ok(count('429') > 20 && count('429') < 60, `429 without: ${count('429')}`);
        assert.ok(count('503') > 20 && count('503') < 65, `503: ${count('503')}`);
        assert.equal(a.stats.injected.throttledWithout, count('429'));
    });

    it('a seeded generator repeats itself and stays in [0, 1)', () => {
        const r1 = seededRandom(42);
        const r2 = seededRandom(42);
        const xs = Array.from({ length: 1000 }, () => r1());
        assert.deepEqual(
            xs,
            Array.from({ length: 1000 }, () => r2()),
        );
        assert.ok(xs.every((x) => x >= 0 && x < 1));
    });
});
