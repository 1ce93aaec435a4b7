import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { describeSettings } from './describe-settings.js';

/** Table rows as trimmed cells, so column padding (prettier aligns tables) does not matter. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim()));
}

describe('README', () => {
  it('shows the current settings table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('<!-- settings-table:start');
    const end = readme.indexOf('<!-- settings-table:end -->');
    expect(start).toBeGreaterThan(0);
    expect(tableRows(readme.slice(start, end))).toEqual(tableRows(describeSettings()));
  });
});
