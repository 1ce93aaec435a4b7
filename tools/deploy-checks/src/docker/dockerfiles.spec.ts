import { describe, expect, it } from '@jest/globals';
import {
  appPorts,
  httpSettingInDefinition,
  listenSettingsInDefinition,
  servicePortSettings,
} from '../service-ports.js';
import { appsWithDockerfile, readWorkspaceFile, workspaceFileExists } from '../workspace.js';
import { NODE_IMAGE, RUNTIME_IMAGE } from './images.js';
import { type DockerStage, execForm, lastInstruction, parseDockerfile } from './dockerfile.js';

const root = parseDockerfile(readWorkspaceFile('Dockerfile'));
const runtimeStage = root.stages.at(-1)!;
const apps = appsWithDockerfile();

function userOf(stage: DockerStage): string | undefined {
  return lastInstruction(stage, 'USER')?.rest;
}

function isRootUser(user: string | undefined): boolean {
  return user === undefined || /^(root|0)(:|$)/.test(user);
}

describe('root Dockerfile (the shared runtime image)', () => {
  it('builds on the official Node 24 slim image in every stage', () => {
    for (const stage of root.stages) expect(stage.from).toMatch(NODE_IMAGE);
  });

  it('copies only sources that exist, and from stages that exist', () => {
    const stageNames = new Set(root.stages.map((stage) => stage.name));
    for (const stage of root.stages) {
      for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY')) {
        const sources = copy.rest.split(/\s+/).slice(0, -1);
        if (copy.flags['from'] !== undefined) {
          expect(stageNames).toContain(copy.flags['from']);
        } else {
          for (const source of sources)
            expect([source, workspaceFileExists(source)]).toEqual([source, true]);
        }
      }
    }
  });

  it('builds and stages exactly the apps that have a Dockerfile, with scripts that exist', () => {
    const runs = root.stages.flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN'));
    const build = runs.find((run) => run.rest.includes('nx run-many -t build'));
    const stage = runs.find((run) => run.rest.includes('deploy/docker/stage-runtime.sh'));
    expect(build).toBeDefined();
    expect(stage).toBeDefined();
    expect(/-p ([\w\s-]+?) --/.exec(build!.rest)![1]!.split(/\s+/).sort()).toEqual(apps);
    expect(/stage-runtime\.sh \S+ ([\w\s-]+)$/.exec(stage!.rest)![1]!.split(/\s+/).sort()).toEqual(
      apps,
    );
    expect(workspaceFileExists('deploy/docker/stage-runtime.sh')).toBe(true);
    expect(build!.rest).toMatch(/^npm install /); // not npm ci: see docs/toolchain
  });

  it('runs as a user other than root, with only the data folder writable', () => {
    expect(isRootUser(userOf(runtimeStage))).toBe(false);
    const copies = runtimeStage.instructions.filter((i) => i.keyword === 'COPY');
    expect(copies.filter((c) => c.flags['chown'] !== undefined).map((c) => c.rest)).toEqual([
      '/out/data ./data',
    ]);
  });

  it('keeps host builds and dependencies out of the build context', () => {
    const ignored = readWorkspaceFile('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});

describe.each(apps)('apps/%s/Dockerfile', (app) => {
  const dockerfile = parseDockerfile(readWorkspaceFile(`apps/${app}/Dockerfile`));
  const stage = dockerfile.stages.at(-1)!;

  it('starts from the shared runtime image', () => {
    expect(dockerfile.stages.map((s) => s.from)).toEqual([RUNTIME_IMAGE]);
    expect(readWorkspaceFile('Dockerfile')).toContain(`docker build -t ${RUNTIME_IMAGE} .`);
  });

  it('runs as a user other than root', () => {
    expect(isRootUser(userOf(stage) ?? userOf(runtimeStage))).toBe(false);
  });

  it("exposes exactly the ports of the app's listen settings (defaults)", () => {
    const known = Object.values(servicePortSettings[app] ?? {});
    for (const setting of listenSettingsInDefinition(app)) expect(known).toContain(setting);
    const exposed = stage.instructions
      .filter((i) => i.keyword === 'EXPOSE')
      .flatMap((i) => i.rest.split(/\s+/).map(Number));
    expect(exposed.sort()).toEqual(Object.values(appPorts(app)).sort());
  });

  it('checks its health on the HTTP listen setting its definition serves on', () => {
    const healthcheck = lastInstruction(stage, 'HEALTHCHECK');
    expect(healthcheck).toBeDefined();
    const command = execForm(healthcheck!, healthcheck!.rest.replace(/^CMD\s+/, ''));
    const httpSetting = httpSettingInDefinition(app);
    expect(servicePortSettings[app]!['http']).toBe(httpSetting);
    // An app that serves HTTPS when securityLevelHTTP > 0 must be checked over HTTPS then.
    const servesHttps = /^\s*https:/m.test(
      readWorkspaceFile(`apps/${app}/src/${app}.definition.ts`),
    );
    expect(command).toEqual([
      'node',
      'deploy/docker/healthcheck.mjs',
      httpSetting,
      ...(servesHttps ? ['--https-if-secure'] : []),
    ]);
    expect(readWorkspaceFile('deploy/docker/stage-runtime.sh')).toContain(command[1]);
  });

  it("runs the app's build output", () => {
    const command = execForm(lastInstruction(stage, 'CMD')!);
    expect(command).toEqual(['node', `apps/${app}/dist/main.js`]);
    const build = JSON.parse(readWorkspaceFile(`apps/${app}/tsconfig.build.json`)) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    expect(workspaceFileExists(`apps/${app}/src/main.ts`)).toBe(true);
  });
});
