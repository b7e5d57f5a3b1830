/**
 * Work a turn starts and does not wait for (reminders sent after the button is answered, a file's
 * preview posted when it is downloaded, notices to other groups). Each piece is tracked until it ends,
 * so stopping the bot waits for it rather than closing the store under it; a failure is logged with
 * what the work was.
 */
import type { Logger } from '../log.js';

export class BackgroundWork {
    private readonly running = new Set<Promise<void>>();

    constructor(private readonly log: Logger) {}

    /** Tracks `work`; `what` names it in the log line if it fails ("reminding missing groups"). */
    run(what: string, work: Promise<unknown>): void {
        const tracked: Promise<void> = work
            .then(() => undefined)
            .catch((err: unknown) => {
                this.log.error({ err: (err as Error).message }, `${what} failed`);
            })
            .finally(() => this.running.delete(tracked));
        this.running.add(tracked);
    }

    /** Resolves when no background work is running (work started meanwhile is waited for too). */
    async idle(): Promise<void> {
        while (this.running.size > 0) await Promise.all([...this.running]);
    }
}
