/**
 * A feature of the bot: the intents it answers and the card actions or events it handles. Features
 * are listed in `features.ts`; `createApp` registers them in order.
 */
import type { BotApp } from './botApp.js';
import type { BotDeps } from './deps.js';
import type { IntentHandlers } from './intents.js';

export interface Feature {
    name: string;
    /** Message handlers, by intent name (see `data/nlu/`). */
    intents?: IntentHandlers;
    /** Card actions (Action.Execute verbs) and other routes. Called before the message route. */
    register?(app: BotApp, deps: BotDeps): void;
}
