/** The check every HTTP test runs on the cards the bot sends (test/helpers/rootHooks.ts) finds what it should. */
import assert from 'node:assert/strict';
import { checkShownDates, takeShownDateProblems } from '../helpers/shownDates.js';

const card = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] });

describe('the shown-date check on the cards the bot sends', () => {
    afterEach(() => takeShownDateProblems());

    it("reads an invoke's card answer and a message's card attachments, and names where the date was", () => {
        checkShownDates('an invoke', {
            statusCode: 200,
            type: 'application/vnd.microsoft.card.adaptive',
            value: card('Saved on 2026-11-30'),
        });
        checkShownDates('POST /v3/conversations/c/activities', {
            type: 'message',
            attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card('Due 2026-12-18') }],
        });
        const found = takeShownDateProblems();
        assert.equal(found.length, 2);
        assert.match(found[0], /^an invoke: .*2026-11-30/);
        assert.match(found[1], /^POST \/v3\/conversations\/c\/activities: .*2026-12-18/);
    });

    it('passes a card that writes 30 Nov 2026, and plain text messages (not cards)', () => {
        checkShownDates('an invoke', {
            type: 'application/vnd.microsoft.card.adaptive',
            value: card('Saved on 30 Nov 2026'),
        });
        checkShownDates('a message', { type: 'message', text: 'khg-digest-2026-11-30.xlsx' });
        assert.deepEqual(takeShownDateProblems(), []);
    });
});
