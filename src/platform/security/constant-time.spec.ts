import { safeEqual } from './constant-time';

describe('safeEqual', () => {
  it('is true only for the same string', () => {
    expect(safeEqual('abc.DEF-123', 'abc.DEF-123')).toBe(true);
    expect(safeEqual('abc.DEF-124', 'abc.DEF-123')).toBe(false);
    expect(safeEqual('abc', 'abc.DEF-123')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('', 'x')).toBe(false);
  });

  it('is false for anything that is not a string', () => {
    expect([undefined, null, 42, ['abc'], { toString: () => 'abc' }].map((v) => safeEqual(v, 'abc'))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
