/** Every feature of the bot, in the order their routes are registered. */
import type { Feature } from './feature.js';
import { digestFeature } from './routes/digest.js';
import { filesFeature } from './routes/files.js';
import { groupsFeature } from './routes/groups.js';
import { helpFeature } from './routes/help.js';
import { createProgressFeature } from './routes/progress.js';
import { registerFeature } from './routes/register.js';
import { remindersFeature } from './routes/reminders.js';

export const FEATURES: readonly Feature[] = [
    helpFeature,
    filesFeature,
    createProgressFeature(),
    remindersFeature,
    groupsFeature,
    registerFeature,
    digestFeature,
];
