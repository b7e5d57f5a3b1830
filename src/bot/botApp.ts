/**
 * The type of the bot's teams-ai Application, in a module of its own so that features, the model's
 * actions and the message route can name it without importing `app.ts`, which imports them.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';

export type BotApp = Application<TurnState>;
