/** Checks that apply to every test: loaded by mocha (.mocharc.json "require"). */
import { takeShownDateProblems } from './shownDates.js';

export const mochaHooks = {
    beforeEach(): void {
        takeShownDateProblems();
    },
    /** Fails the test's "after each" hook, naming the card, when a card it made the bot send shows an ISO date. */
    afterEach(): void {
        const problems = [...new Set(takeShownDateProblems())];
        if (problems.length)
            throw new Error(
                `a card the bot sent shows a date written YYYY-MM-DD (cards write "30 Nov 2026"):\n${problems.join('\n')}`,
            );
    },
};
