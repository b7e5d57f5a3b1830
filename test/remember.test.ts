import assert from 'node:assert/strict';
import { Remembered, RememberedPer } from '../src/remember.js';

describe('remembered answers', () => {
    it('works an answer out once per key, undefined answers included', () => {
        const memo = new Remembered<number | undefined>(10);
        let runs = 0;
        const work = (v: number | undefined) => () => (runs++, v);
        assert.equal(memo.get('a', work(1)), 1);
        assert.equal(memo.get('a', work(2)), 1);
        assert.equal(memo.get('b', work(undefined)), undefined);
        assert.equal(memo.get('b', work(3)), undefined);
        assert.equal(runs, 2);
    });

    it('holds no more than its bound: past it, answers are worked out again', () => {
        const memo = new Remembered<string>(3);
        let runs = 0;
        for (const key of ['a', 'b', 'c', 'd']) memo.get(key, () => (runs++, key));
        assert.equal(runs, 4);
        memo.get('a', () => (runs++, 'a'));
        assert.equal(runs, 5, 'emptied when the fourth key came');
        memo.get('d', () => (runs++, 'd'));
        memo.get('a', () => (runs++, 'a'));
        assert.equal(runs, 5, 'the fourth key and the one worked out since are kept');
    });

    it("keeps each object's answers apart, and a replaced object starts afresh", () => {
        const memo = new RememberedPer<object, string>(4);
        const first = {};
        const second = {};
        assert.equal(
            memo.get(first, 'k', () => 'one'),
            'one',
        );
        assert.equal(
            memo.get(second, 'k', () => 'two'),
            'two',
        );
        assert.equal(
            memo.get(first, 'k', () => 'three'),
            'one',
        );
    });
});
