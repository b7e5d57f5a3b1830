import assert from 'node:assert/strict';
import { isAppError } from '../../src/errors.js';
import { csvHeaders, csvToXlsx, decodeCsv, sniffType, xlsxToCsv } from '../../src/formats/spreadsheet.js';
import { detectKinds } from '../../src/domain/imports.js';

describe('spreadsheets', () => {
    it('tells a workbook from CSV text by content, and refuses images and UTF-16', () => {
        assert.equal(sniffType(Buffer.from('PK\x03\x04rest')), 'xlsx');
        assert.equal(sniffType(Buffer.from('id,name\n')), 'csv');
        assert.equal(sniffType(Buffer.from('%PDF-1.7\n')), undefined);
        assert.equal(sniffType(Buffer.from([0xff, 0xfe, 0x69, 0x00])), undefined);
        assert.throws(
            () => decodeCsv(Buffer.from([0x6e, 0x61, 0x6d, 0xe9, 0x0a]), 'x.csv'),
            (e) => isAppError(e, 'csv.encoding'),
        );
    });

    it('writes CSV as a workbook whose cells are text, and reads it back to the same CSV', async () => {
        const csv = 'ref,theme,text\nHW9,HW,"Text with a comma, and ""quotes"""\nA8,A,=SUM(1)\n007,A,2026-12-11\n';
        const book = await csvToXlsx(csv, 'objectives');
        assert.equal(await xlsxToCsv(book, 'o.xlsx'), csv);
        assert.deepEqual(csvHeaders(csv), ['ref', 'theme', 'text']);
    });

    it('finds the kind of data from the headings, whatever their case and spacing', () => {
        assert.deepEqual(detectKinds(['Group ID', 'Role', 'Name', 'Email', 'aad_object_id']), ['roster']);
        assert.deepEqual(detectKinds(['\uFEFFid', 'title', 'kind', 'status', 'owner_groups']), ['register']);
        assert.deepEqual(detectKinds(['id', 'name', 'cadence-months', 'next update due']), ['groups']);
        assert.deepEqual(detectKinds(['ref', 'theme', 'text', 'group_id', 'contribution']), ['objectives']);
        assert.deepEqual(detectKinds(['a', 'b']), []);
    });
});
