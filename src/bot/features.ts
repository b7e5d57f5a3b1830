/** Every feature of the bot, in the order their routes are registered. */
import type { Feature } from './feature.js';
import { digestFeature } from './routes/digest.js';
import { filesFeature } from './routes/files.js';
import { manageFeature } from './routes/manage.js';
import { groupsFeature } from './routes/groups.js';
import { helpFeature } from './routes/help.js';
import { createProgressFeature } from './routes/progress.js';
import { registerFeature } from './routes/register.js';
import { remindersFeature } from './routes/reminders.js';
import { strategyFeature } from './routes/strategy.js';
import { roundFeature } from './routes/round.js';

export const FEATURES: readonly Feature[] = [
    helpFeature,
    filesFeature,
    manageFeature,
    createProgressFeature(),
    remindersFeature,
    groupsFeature,
    registerFeature,
    roundFeature,
    digestFeature,
    strategyFeature,
];
