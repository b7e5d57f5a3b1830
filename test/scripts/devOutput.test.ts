/** What `npm run dev` prints. */
import assert from 'node:assert/strict';
import { DEMO_PEOPLE, demoPerson } from '../../scripts/lib/demoPeople.js';
import { formatBotLine, prefixLines, READY_LINE, readyLine } from '../../scripts/lib/devOutput.js';

describe('npm run dev output', () => {
    it('the ready line names the address and the person, and offers the others by key', () => {
        for (const person of DEMO_PEOPLE) {
            const line = readyLine('http://127.0.0.1:56150', person);
            const m = READY_LINE.exec(line);
            assert.ok(m, line);
            assert.equal(m[1], 'http://127.0.0.1:56150');
            assert.equal(m[2], person.name);
            assert.ok(line.includes(`(${person.role})`));
            for (const other of DEMO_PEOPLE.filter((p) => p !== person))
                assert.ok(line.includes(other.key), `${line} offers ${other.key}`);
            assert.ok(!line.includes('\n'), 'one line');
        }
    });

    it("shows the bot's JSON log lines as level, message and the fields that matter", () => {
        const line = JSON.stringify({
            level: 40,
            time: 1,
            pid: 9,
            hostname: 'h',
            app: 'khg-bot',
            msg: 'slow store',
            ms: 1200,
        });
        assert.equal(formatBotLine(line), 'WARN slow store {"ms":1200}');
        assert.equal(formatBotLine('plain text'), 'plain text');
        assert.equal(formatBotLine('{not json'), '{not json');
        assert.equal(prefixLines('[bot]', 'a\nb'), '[bot] a\n[bot] b');
        assert.equal(readyLine('http://x', demoPerson('pat')).includes('Pat Visitor (not on the roster)'), true);
    });
});
