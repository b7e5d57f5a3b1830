import assert from 'node:assert/strict';
import sinon from 'sinon';
import { findPerson } from '../../src/domain/people.js';
import { recordProgress } from '../../src/services/progress.js';
import { startBot, type BotUnderTest } from '../helpers/botServer.js';
import { strategyData } from '../helpers/strategy.js';

describe('recordProgress', () => {
    let bot: BotUnderTest;
    const now = new Date('2026-12-08T09:00:00Z');
    const submit = (fields: Record<string, unknown>) => {
        const store = bot.runtime.deps.store;
        return recordProgress(
            store,
            { groupId: 'asset-management', period: '2026-12', basedOn: 0, ...fields },
            'submitted',
            findPerson(store.read(), { email: 'priya.shah@example.com' }),
            now,
        );
    };
    beforeEach(async () => {
        bot = await startBot({ data: strategyData(), clock: () => now });
    });
    afterEach(async () => {
        sinon.restore();
        await bot.stop();
    });

    it('writes the main data only when a submission changes a milestone or a request for help', async () => {
        const store = bot.runtime.deps.store;
        const transact = sinon.spy(store, 'transact');
        const plain = await submit({
            text_HW9: 'Survey under way.',
            rag_HW9: 'green',
            text_HW5: 'Joined the network.',
            rag_HW5: 'green',
        });
        assert.equal(plain.appended, true);
        assert.equal(transact.callCount, 0, 'a submission with no milestone or help changes writes only its update');
        assert.equal(store.read().milestones.find((m) => m.id === 'asset-management-1')?.state, 'on_track');

        const slipped = await submit({
            basedOn: plain.version.version,
            text_HW9: 'Survey delayed.',
            rag_HW9: 'amber',
            text_HW5: 'Joined the network.',
            rag_HW5: 'green',
            'ms_asset-management-1': 'slipped',
            'msdate_asset-management-1': '2027-06',
        });
        assert.equal(slipped.appended, true);
        assert.equal(transact.callCount, 1, 'a milestone that changes is written');
        const m = store.read().milestones.find((x) => x.id === 'asset-management-1');
        assert.equal(m?.state, 'slipped');
        assert.equal(m?.newTarget, '2027-06');
        assert.equal(m?.history.at(-1)?.by, 'Priya Shah');
    });
});
