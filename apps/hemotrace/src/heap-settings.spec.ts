import { HEAP_SETTINGS, heapSettingsToApply } from './heap-settings';

describe('the heap settings the server applies to itself', () => {
  it('applies every setting when the operator gave none', () => {
    expect(heapSettingsToApply([], undefined)).toEqual(HEAP_SETTINGS);
    expect(HEAP_SETTINGS).toEqual(['--heap-growing-percent=50', '--semi-space-growth-factor=1']);
  });

  it('leaves a setting given on the command line to the operator', () => {
    expect(heapSettingsToApply(['--semi-space-growth-factor=2', '--inspect'], undefined)).toEqual([
      '--heap-growing-percent=50',
    ]);
  });

  it('leaves a setting given in NODE_OPTIONS to the operator', () => {
    expect(heapSettingsToApply([], '  --max-old-space-size=512 --heap-growing-percent=100 ')).toEqual([
      '--semi-space-growth-factor=1',
    ]);
  });
});
