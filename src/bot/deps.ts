/** What the bot's routes are given: the configuration, the store, the clock and the logger. */
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Recognizer } from '../nlu/recognizer.js';
import type { Store } from '../store/store.js';
import type { ProactiveSender } from '../notify/sender.js';
import type { Transport } from '../notify/transport.js';
import type { LinkSigner } from '../digest/links.js';
import type { RegisterSummary } from '../domain/digest.js';
import type { BackgroundWork } from './background.js';

export interface BotDeps {
    config: Config;
    store: Store;
    clock: Clock;
    log: Logger;
    recognizer: Recognizer;
    /** Proactive messages: the Bot Framework transport and the paced, retrying sender over it. */
    transport: Transport;
    sender: ProactiveSender;
    /** Signs and checks the digest's download links. */
    links: LinkSigner;
    /** The register's state for the digest (overdue, due soon, the first to review). */
    registerSummary?: (now: Date) => RegisterSummary;
    /** Work a turn starts and does not wait for; stopping the bot waits for it. */
    background: BackgroundWork;
}
