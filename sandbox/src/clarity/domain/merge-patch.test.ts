import { applyMergePatch, changedTopLevel } from './merge-patch';

test('RFC 7396: nested merge, null deletes, arrays replaced', () => {
  const t = { a: 1, m: { x: '1', y: '2' }, list: [1, 2, 3] };
  expect(applyMergePatch(t, { a: null, m: { y: null, z: '3' }, list: [9] })).toEqual({ m: { x: '1', z: '3' }, list: [9] });
  expect(t.list).toEqual([1, 2, 3]);
});

test('previousAttributes lists only changed top-level fields', () => {
  expect(changedTopLevel({ a: 1, b: [1], v: 1 }, { a: 1, b: [2], c: 'x', v: 2 }, ['v'])).toEqual({ b: [1], c: null });
});
