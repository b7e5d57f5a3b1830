/**
 * The echo floor as its own process, built and run as `npm start` runs the bot, so that the bot's
 * start-up can be measured against the floor's own start in the same run.
 */
import { loadConfig } from '../../src/config.js';
import { startFloor } from './floor.js';

const floor = await startFloor(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }));
process.stdout.write(`echo floor listening on ${floor.url}/api/messages\n`);
