import assert from 'node:assert/strict';
import { counted } from '../../src/domain/words.js';

describe('counted', () => {
    it('writes the noun singular for one and plural for every other count', () => {
        assert.deepEqual(
            [0, 1, 2, 21].map((n) => counted(n, 'objective')),
            ['0 objectives', '1 objective', '2 objectives', '21 objectives'],
        );
    });
    it('takes a plural that is not the noun with an s', () => {
        assert.equal(counted(1, 'entry', 'entries'), '1 entry');
        assert.equal(counted(3, 'entry', 'entries'), '3 entries');
    });
});
