import assert from 'node:assert/strict';
import sinon from 'sinon';
import { startScheduler } from '../../src/notify/scheduler.js';
import { silentLogger } from '../../src/log.js';

describe('the in-process scheduler', () => {
    afterEach(() => sinon.restore());

    it('runs on its cron pattern in the partnership time zone (09:00 in summer is 08:00 UTC)', async () => {
        const clock = sinon.useFakeTimers(new Date('2027-06-18T07:58:00Z'));
        const ticks: string[] = [];
        const s = startScheduler(
            '0 9 * * *',
            'Europe/London',
            async () => void ticks.push(new Date().toISOString()),
            silentLogger,
        );
        assert.equal(s.next()?.toISOString(), '2027-06-18T08:00:00.000Z');
        await clock.tickAsync(60_000);
        assert.deepEqual(ticks, []);
        await clock.tickAsync(61_000);
        assert.deepEqual(ticks, ['2027-06-18T08:00:00.000Z']);
        await clock.tickAsync(24 * 3600_000);
        assert.deepEqual(ticks, ['2027-06-18T08:00:00.000Z', '2027-06-19T08:00:00.000Z']);
        s.stop();
    });

    it('a failing run is logged and the scheduler keeps going', async () => {
        const clock = sinon.useFakeTimers(new Date('2027-01-04T08:59:59Z'));
        const error = sinon.stub(silentLogger, 'error');
        let calls = 0;
        const s = startScheduler(
            '*/10 * * * *',
            'Europe/London',
            async () => {
                calls++;
                throw new Error('connector down');
            },
            silentLogger,
        );
        await clock.tickAsync(2000); // 09:00

        await clock.tickAsync(10 * 60_000);
        assert.equal(calls, 2);
        assert.equal(error.callCount, 2);
        s.stop();
    });
});
