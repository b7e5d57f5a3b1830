/**
 * Hostile and broken CSV files through the command line: wrong encodings, broken quoting, duplicate
 * ids and formula injection. Each is refused with a clear message and imports nothing, or is
 * neutralised; no export ever writes a cell a spreadsheet would run.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli.js';
import { sampleData, tempDir, writeStoreFile } from '../helpers/fixtures.js';

const HEADER =
    'title,kind,owner_groups,partners,published,last_reviewed,next_review,review_cycle_months,status,status_note,url';

describe('hostile CSV imports', () => {
    let tmp: ReturnType<typeof tempDir>;
    let store: string;
    const out: string[] = [];
    const cli = (...args: string[]) =>
        runCli(['--store', store, ...args], { out: (l) => out.push(l), err: (l) => out.push(l) });
    const file = (name: string, content: string | Buffer) => {
        const f = path.join(tmp.dir, name);
        fs.writeFileSync(f, content);
        return f;
    };
    beforeEach(() => {
        tmp = tempDir();
        store = writeStoreFile(tmp.dir, sampleData());
        out.length = 0;
    });
    afterEach(() => tmp.cleanup());

    const refused: [string, () => Buffer | string, string, RegExp][] = [
        [
            'a UTF-16 file (Excel\'s "Unicode text")',
            () =>
                Buffer.concat([
                    Buffer.from([0xff, 0xfe]),
                    Buffer.from(`${HEADER}\nCafé guide,guide,khog,,2020,,,,current,,\n`, 'utf16le'),
                ]),
            'register',
            /not a text CSV file in UTF-8.*CSV UTF-8/,
        ],
        [
            'a Windows-1252 file',
            () =>
                Buffer.concat([
                    Buffer.from(`${HEADER}\nCaf`),
                    Buffer.from([0xe9]),
                    Buffer.from(' guide,guide,khog,,2020,,,,current,,\n'),
                ]),
            'register',
            /not UTF-8 \(line 2/,
        ],
        [
            'broken quoting',
            () => `${HEADER}\n"Unclosed title,guide,khog,,2020,,,,current,,\n`,
            'register',
            /not valid CSV/,
        ],
        [
            'duplicate ids',
            () => `id,${HEADER}\nsame,One,guide,khog,,2020,,,,current,,\nsame,Two,guide,khog,,2020,,,,current,,\n`,
            'register',
            /row 3: the id "same" is also used on row 2/,
        ],
        [
            'a roster with a formula for a role',
            () => 'group_id,role,name,email\nkhog,=cmd|calc,X,x@example.com\n',
            'roster',
            /row 2/,
        ],
    ];
    for (const [situation, content, what, message] of refused) {
        it(`refuses ${situation} with a clear message, and imports nothing`, async () => {
            const before = fs.readFileSync(store, 'utf8');
            assert.equal(await cli('import', what, file('in.csv', content())), 1);
            assert.match(out.join('\n'), message);
            assert.equal(fs.readFileSync(store, 'utf8'), before);
        });
    }

    it('a formula in a text cell is kept as text, and every export neutralises it', async () => {
        const evil = '=HYPERLINK("http://evil.example.com","Click")';
        const csv = `${HEADER}\n"${evil.replace(/"/g, '""')}",guide,khog,,2020,,,,current,"@SUM(1+1)",\n`;
        assert.equal(await cli('import', 'register', file('evil.csv', csv)), 0, out.join('\n'));
        const stored = JSON.parse(fs.readFileSync(store, 'utf8')).protocols.map((p: { title: string }) => p.title);
        assert.deepEqual(stored, [evil]);
        const exported = path.join(tmp.dir, 'out.csv');
        assert.equal(await cli('export', 'register', exported), 0, out.join('\n'));
        const cells = fs
            .readFileSync(exported, 'utf8')
            .replace(/^\uFEFF/, '')
            .split(/\r?\n/)
            .slice(1)
            .join('\n');
        assert.match(cells, /"'=HYPERLINK\(""http:\/\/evil\.example\.com"",""Click""\)"/);
        assert.match(cells, /'@SUM\(1\+1\)/);
        for (const cell of cells.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/))
            assert.doesNotMatch(cell.replace(/^"/, ''), /^[=+\-@]/, `a live formula: ${cell}`);
    });
});
