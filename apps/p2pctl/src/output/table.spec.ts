import { describe, expect, it } from '@jest/globals';
import { formatRemaining, formatTime, printable, renderFields, renderTable } from './table.js';

describe('tables', () => {
  it('pads columns to the widest cell and trims the last one', () => {
    expect(
      renderTable(
        ['TARGET', 'REASON'],
        [
          ['10.0.0.0/24', 'spam'],
          ['1.2.3.4/32', ''],
        ],
      ),
    ).toBe('TARGET       REASON\n10.0.0.0/24  spam\n1.2.3.4/32');
  });

  it.each([
    [0, 'expired'],
    [-5, 'expired'],
    [45, '45s'],
    [750, '12m 30s'],
    [4 * 3600 + 5 * 60, '4h 05m'],
    [2 * 86400 + 3 * 3600 + 59, '2d 3h'],
  ])('formats %i seconds remaining as %s', (seconds, text) => {
    expect(formatRemaining(seconds)).toBe(text);
  });

  it('formats Unix seconds as UTC', () => {
    expect(formatTime(1759500000)).toBe('2025-10-03T14:00:00Z');
    expect(formatTime(0)).toBe('-');
  });

  it('shows control characters and bidi overrides from remote peers as escapes', () => {
    expect(printable('evil\u001b[2J\r\nname\u202etxt.exe\u0085')).toBe(
      'evil\\x1b[2J\\x0d\\x0aname\\u202etxt.exe\\x85',
    );
    expect(printable('ünïcode ✓ stays')).toBe('ünïcode ✓ stays');
    expect(renderTable(['CLIENT', 'URL'], [['a\u001bb', 'x']])).toBe('CLIENT  URL\na\\x1bb  x');
  });

  it('renders one record as label and value lines', () => {
    expect(
      renderFields([
        ['peer', 'p1'],
        ['DataHub URL', 'https://x\n'],
      ]),
    ).toBe('peer         p1\nDataHub URL  https://x\\x0a');
  });
});
