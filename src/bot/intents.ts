/**
 * Message handling: recognise what the person asked, then call the feature that answers it. Feature
 * modules contribute handlers by intent name; nothing here knows the partnership's rules.
 */
import type { TurnContext } from 'botbuilder';
import type { Recognition } from '../nlu/recognizer.js';
import type { Asker } from './asker.js';
import type { BotDeps } from './deps.js';

export interface IntentTurn {
    context: TurnContext;
    deps: BotDeps;
    asker: Asker;
    /** The message text, mentions of the bot removed. */
    text: string;
    recognition: Recognition;
}

export type IntentHandler = (turn: IntentTurn) => Promise<void>;

export type IntentHandlers = Record<string, IntentHandler>;
