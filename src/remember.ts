/**
 * Answers worked out once and kept, for pure work asked again and again with the same inputs (a
 * period's label, a report for today's register). Each keeps at most `bound` answers and is emptied
 * when it would hold more: the few keys in use come straight back, and memory stays bounded.
 */
export class Remembered<T> {
    private readonly known = new Map<string, T>();

    constructor(private readonly bound: number) {}

    get(key: string, work: () => T): T {
        if (this.known.has(key)) return this.known.get(key) as T;
        const value = work();
        if (this.known.size >= this.bound) this.known.clear();
        this.known.set(key, value);
        return value;
    }
}

/**
 * Answers kept per object, for work on data that is replaced rather than changed in place (the
 * register's list, a stored document): when the object is replaced, its answers go with it.
 */
export class RememberedPer<O extends object, T> {
    private readonly owners = new WeakMap<O, Remembered<T>>();

    constructor(private readonly bound: number) {}

    get(owner: O, key: string, work: () => T): T {
        let known = this.owners.get(owner);
        if (!known) this.owners.set(owner, (known = new Remembered<T>(this.bound)));
        return known.get(key, work);
    }
}
