import { describe, expect, it } from '@jest/globals';
import { settingPort, servicePortSettings } from './service-ports.js';
import { appsWithDockerfile, readWorkspaceFile, workspaceFileExists } from './workspace.js';

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

describe.each(['README.md', 'k8s/README.md'])('docker build commands in %s', (file) => {
  // The command up to the end of its code span, line or shell operator: `-f <file>` and context.
  const commands = [...readWorkspaceFile(file).matchAll(/docker build\b([^`\n]*)/g)].map(
    (m) => m[1]!.split(/&&|\|\||;|\|/)[0]!,
  );

  it('build from Dockerfiles that exist, with the repository root as context', () => {
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const dockerfile = /(?:-f|--file)[ =](\S+)/.exec(command)?.[1] ?? 'Dockerfile';
      const paths = /<app>|\$app|\$\{app\}/.test(dockerfile)
        ? appsWithDockerfile().map((app) => dockerfile.replace(/<app>|\$\{?app\}?/, app))
        : [dockerfile];
      for (const path of paths)
        expect([command, path, workspaceFileExists(path)]).toEqual([command, path, true]);
      expect([command, command.trim().split(/\s+/).at(-1)]).toEqual([command, '.']);
    }
  });
});
