/** The in-process scheduler: checks for reminders due on a cron pattern in the partnership's time zone. */
import { Cron } from 'croner';
import type { Logger } from '../log.js';

export interface Scheduler {
    stop(): void;
    /** When the next check will run. */
    next(): Date | null;
}

export function startScheduler(pattern: string, zone: string, tick: () => Promise<unknown>, log: Logger): Scheduler {
    const job = new Cron(
        pattern,
        {
            timezone: zone,
            protect: true,
            catch: (err) => log.error({ err: (err as Error).message }, 'scheduled reminder run failed'),
        },
        async () => {
            await tick();
        },
    );
    return { stop: () => job.stop(), next: () => job.nextRun() };
}
