import { describe, expect, it } from '@jest/globals';
import { settingPort, servicePortSettings } from './service-ports.js';
import { readWorkspaceFile } from './workspace.js';

describe('README.md "Operating it"', () => {
  const readme = readWorkspaceFile('README.md');
  const section = readme.slice(readme.indexOf('## Operating it'));
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));

  it.each(Object.entries(servicePortSettings))(
    'lists the ports of %s with their defaults',
    (app, ports) => {
      const row = rows.find((line) => line.startsWith(`| \`${app}\``));
      expect(row).toBeDefined();
      for (const setting of Object.values(ports)) {
        expect(row).toContain(`\`${setting}\`: ${settingPort(setting)}`);
      }
    },
  );
});
