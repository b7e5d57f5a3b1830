import assert from 'node:assert/strict';
import { BackgroundWork } from '../../src/bot/background.js';
import type { Logger } from '../../src/log.js';

function recordingLog(): { log: Logger; errors: string[] } {
    const errors: string[] = [];
    const log = { error: (_o: unknown, msg: string) => errors.push(msg) } as unknown as Logger;
    return { log, errors };
}

describe('background work', () => {
    it('is waited for by idle(), including work started while waiting', async () => {
        const { log } = recordingLog();
        const work = new BackgroundWork(log);
        const done: string[] = [];
        work.run(
            'first',
            new Promise<void>((r) =>
                setTimeout(() => {
                    done.push('first');
                    work.run(
                        'second',
                        new Promise<void>((r2) =>
                            setTimeout(() => {
                                done.push('second');
                                r2();
                            }, 20),
                        ),
                    );
                    r();
                }, 20),
            ),
        );
        await work.idle();
        assert.deepEqual(done, ['first', 'second']);
    });

    it('logs a failure with what the work was, and idle() still resolves', async () => {
        const { log, errors } = recordingLog();
        const work = new BackgroundWork(log);
        work.run('reminding missing groups', Promise.reject(new Error('connector down')));
        await work.idle();
        assert.deepEqual(errors, ['reminding missing groups failed']);
    });

    it('idle() with nothing running resolves at once', async () => {
        await new BackgroundWork(recordingLog().log).idle();
    });
});
