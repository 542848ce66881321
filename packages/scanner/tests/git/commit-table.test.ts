/**
 * The compact commit table gives back exactly the commit information it was given (ids of either
 * length, ISO dates with any offset, dates it cannot rebuild kept as text), and the intro index built
 * on it orders the versions of each path oldest first with their introducing commits.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CommitTable, isoDateOf, parseIsoDate } from '../../src/sources/git/commit-table.js';
import { IntroIndex } from '../../src/sources/git/blob-intros.js';

const sha = (n: number, len = 40) => n.toString(16).padStart(len, '0');

describe('CommitTable', () => {
  test('round-trips ids, people and dates, including dates it stores as text', () => {
    const table = new CommitTable();
    const infos = [
      { commit: sha(1), author: 'Ada', email: 'ada@example.test', date: '2020-09-13T12:26:40+00:00' },
      { commit: sha(2), author: 'Bob', email: 'bob@example.test', date: '1999-12-31T23:59:59-05:30' },
      { commit: sha(3), author: 'Ada', email: 'ada@example.test', date: '2038-01-19T03:14:08+14:00' },
      // Not rebuilt exactly: a negative zero offset, a two-digit year, not a date at all.
      { commit: sha(4), author: '', email: '', date: '2001-01-01T00:00:00-00:00' },
      { commit: sha(5), author: 'Ünïcode', email: 'u@example.test', date: '0099-01-01T00:00:00+00:00' },
      { commit: sha(6, 64), author: 'Long', email: 'l@example.test', date: 'yesterday' },
    ];
    infos.forEach((info, i) => assert.equal(table.add(info, 1_600_000_000 + i), i));
    assert.equal(table.length, infos.length);
    infos.forEach((info, i) => {
      assert.deepEqual(table.info(i), info);
      assert.equal(table.id(i), info.commit);
      assert.equal(table.time(i), 1_600_000_000 + i);
    });
    assert.equal(table.find(sha(3)), 2);
    assert.equal(table.find(sha(6, 64)), 5);
    assert.equal(table.find(sha(7)), undefined);
    assert.equal(table.add({ ...infos[0]!, commit: sha(7) }, 0), 6);
    assert.equal(table.find(sha(7)), 6);
  });

  test('parseIsoDate accepts exactly what isoDateOf writes', () => {
    assert.deepEqual(parseIsoDate('2020-09-13T12:26:40+02:00'), { seconds: 1_599_992_800, offset: 120 });
    assert.equal(isoDateOf(1_599_992_800, 120), '2020-09-13T12:26:40+02:00');
    assert.equal(parseIsoDate('2020-02-30T00:00:00+00:00'), undefined);
    assert.equal(parseIsoDate('2020-09-13 12:26:40 +0200'), undefined);
  });
});

describe('IntroIndex', () => {
  test('versions grouped by path in code-unit order, oldest first, each commit once, blobs as given', () => {
    const index = new IntroIndex();
    const person = { author: 'A', email: 'a@example.test' };
    // Listed newest first, as git log lists them.
    const c3 = index.addListedCommit({ commit: sha(3), ...person, date: '2020-01-03T00:00:00+00:00' }, 300);
    const c2 = index.addListedCommit({ commit: sha(2), ...person, date: '2020-01-02T00:00:00+00:00' }, 200);
    const c1 = index.addListedCommit({ commit: sha(1), ...person, date: '2020-01-01T00:00:00+00:00' }, 100);
    const [x, y, z] = ['ab'.repeat(20), 'cd'.repeat(20), '01'.repeat(20)];
    index.addIntro(y, c3, 'b.txt');
    index.addIntro(x, c3, 'a.txt');
    index.addIntro(z, c2, 'a.txt');
    index.addIntro(y, c1, 'b.txt');
    index.addIntro(x, c1, 'a.txt');
    index.addIntro(x, c1, 'a.txt');
    assert.equal(index.introCount, 6);
    // A commit from a cache: already known, so the same number.
    assert.equal(index.addCommit({ commit: sha(2), ...person, date: '2020-01-02T00:00:00+00:00' }, 200), c2);
    const v = index.takeVersions();
    const got = Array.from({ length: v.length }, (_, i) => [v.path(i), v.blob(i), [...v.intros(i)]]);
    assert.deepEqual(got, [
      ['a.txt', x, [c3, c1]],
      ['a.txt', z, [c2]],
      ['b.txt', y, [c3, c1]],
    ]);
    assert.equal(index.introCount, 0);
  });

  test('object ids of another length than the first are refused', () => {
    const index = new IntroIndex();
    index.addIntro('ab'.repeat(20), 0, 'a');
    assert.throws(() => index.addIntro('ab'.repeat(32), 0, 'b'), /unexpected object id/);
  });
});
