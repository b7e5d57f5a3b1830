/**
 * The type of the bot's teams-ai Application, in a module of its own so that features, the model's
 * actions and the message route can name it without importing `app.ts`, which imports them.
 */
import type { Application } from '@microsoft/teams-ai';

/** The Application with teams-ai's default turn state, which is all the bot keeps per turn. */
export type BotApp = Application;
