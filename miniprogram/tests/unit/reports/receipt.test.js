const receipt = require('../../../packages/reports/utils/receipt');

describe('normalize and check', () => {
  test.each([
    ['4821 0933 7561 0248', '4821093375610248'],
    ['4821-0933-7561-0248', '4821093375610248'],
    [' 4821　0933\t7561－0248 ', '4821093375610248'],
    ['４８２１０９３３７５６１０２４８', '4821093375610248'],
  ])('tolerates how people type %j', (typed, clean) => {
    expect(receipt.normalize(typed)).toBe(clean);
    expect(receipt.check(typed)).toEqual({receipt: clean, error: ''});
  });

  test('says how many digits were typed when the length is wrong', () => {
    expect(receipt.check('4821 0933 7561').error).toBe('回执码是 16 位数字，您输入了 12 位');
    expect(receipt.check('48210933756102481').error).toBe('回执码是 16 位数字，您输入了 17 位');
  });

  test('refuses empty input and letters', () => {
    expect(receipt.check('  - ').error).toBe('请输入回执码');
    expect(receipt.check('4821O93375610248').error).toBe('回执码只包含数字，请核对后再输入');
  });
});

test('groups a receipt 4-4-4-4 for reading and copying', () => {
  expect(receipt.groups('4821093375610248')).toEqual(['4821', '0933', '7561', '0248']);
  expect(receipt.format('4821093375610248')).toBe('4821 0933 7561 0248');
  expect(receipt.check(receipt.format('4821093375610248')).receipt).toBe('4821093375610248');
});
