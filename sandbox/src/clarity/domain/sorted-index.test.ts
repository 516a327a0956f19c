import { SortedIndex } from './sorted-index';

test('keeps (t, id) order through inserts, moves and removals; walks after a position both ways', () => {
  const s = SortedIndex.from([{ t: 2, id: 'b' }, { t: 1, id: 'z' }, { t: 2, id: 'a' }]);
  s.insert({ t: 3, id: 'c' });
  s.move({ t: 1, id: 'z' }, { t: 4, id: 'z' });
  const ids = (it: Iterable<{ id: string }>) => [...it].map((e) => e.id);
  expect(ids(s.walk(false))).toEqual(['a', 'b', 'c', 'z']);
  expect(ids(s.walk(false, { t: 2, id: 'a' }))).toEqual(['b', 'c', 'z']);
  expect(ids(s.walk(false, undefined, 3))).toEqual(['c', 'z']);
  expect(ids(s.walk(true, { t: 3, id: 'c' }))).toEqual(['b', 'a']);
  s.remove({ t: 2, id: 'b' });
  s.remove({ t: 9, id: 'missing' });
  expect(ids(s.walk(false))).toEqual(['a', 'c', 'z']);
});
