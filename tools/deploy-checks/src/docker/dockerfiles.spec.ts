import { describe, expect, it } from '@jest/globals';
import {
  appPorts,
  httpSettingInDefinition,
  listenSettingsInDefinition,
  servicePortSettings,
} from '../service-ports.js';
import { appsWithDockerfile, readWorkspaceFile, workspaceFileExists } from '../workspace.js';
import { appImageProblems, HEALTHCHECK_SCRIPT, PRUNE_SCRIPT, STAGE_SCRIPT } from './app-image.js';
import { execForm, lastInstruction, parseDockerfile } from './dockerfile.js';

const apps = appsWithDockerfile();

describe('the images', () => {
  it('are built from the apps’ own Dockerfiles only: no shared image, no root Dockerfile', () => {
    expect(workspaceFileExists('Dockerfile')).toBe(false);
    expect(apps).toEqual(
      ['ban-service', 'blockchain-simulator', 'gossip-node', 'kafka-bridge', 'ws-gateway'].sort(),
    );
  });

  it('keep host builds and dependencies out of the build context', () => {
    const ignored = readWorkspaceFile('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });

  it('use scripts that exist', () => {
    expect(workspaceFileExists(STAGE_SCRIPT)).toBe(true);
    expect(workspaceFileExists(PRUNE_SCRIPT)).toBe(true);
    expect(workspaceFileExists(HEALTHCHECK_SCRIPT)).toBe(true);
  });
});

describe.each(apps)('apps/%s/Dockerfile', (app) => {
  const source = readWorkspaceFile(`apps/${app}/Dockerfile`);
  const dockerfile = parseDockerfile(source);
  const stage = dockerfile.stages.at(-1)!;

  it('is a self-contained multi-stage build of this app: install, nx build, stage, production dependencies, non-root', () => {
    // Every rule of appImageProblems is shown to fire by the mutations below.
    expect(appImageProblems(dockerfile, app)).toEqual([]);
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
  });

  it('copies from the build context only what exists', () => {
    for (const s of dockerfile.stages) {
      for (const copy of s.instructions.filter((i) => i.keyword === 'COPY')) {
        if (copy.flags['from'] !== undefined) continue;
        for (const path of copy.rest.split(/\s+/).slice(0, -1))
          expect([path, workspaceFileExists(path)]).toEqual([path, true]);
      }
    }
  });

  it('leaves only the data folder writable by the user it runs as', () => {
    // `COPY --chown` onto a folder an earlier COPY made leaves it root's with Buildah (seen with
    // podman build): the runtime stage gives data/ to the user with one chown, before USER.
    expect(
      stage.instructions.filter((i) => i.keyword === 'COPY' && i.flags['chown'] !== undefined),
    ).toEqual([]);
    expect(stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.rest)).toEqual([
      'chown node:node data',
    ]);
    const keywords = stage.instructions.map((i) => i.keyword);
    expect(keywords.indexOf('RUN')).toBeLessThan(keywords.lastIndexOf('USER'));
    expect(lastInstruction(stage, 'USER')?.rest).toBe('node');
    expect(lastInstruction(stage, 'ENV')?.rest).toBe('NODE_ENV=production');
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
      HEALTHCHECK_SCRIPT,
      httpSetting,
      ...(servesHttps ? ['--https-if-secure'] : []),
    ]);
  });

  it("runs the app's build output, which nx build makes from src/main.ts", () => {
    const command = execForm(lastInstruction(stage, 'CMD')!);
    expect(command).toEqual(['node', `apps/${app}/dist/main.js`]);
    const build = JSON.parse(readWorkspaceFile(`apps/${app}/tsconfig.build.json`)) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    expect(workspaceFileExists(`apps/${app}/src/main.ts`)).toBe(true);
  });
});

describe('appImageProblems on regressed Dockerfiles', () => {
  const app = 'gossip-node';
  const real = readWorkspaceFile(`apps/${app}/Dockerfile`);
  const lines = real.split('\n');
  const runtimeAt = lines.findIndex((line) => /^FROM .* AS runtime$/.test(line));
  const withRuntime = (...extra: string[]) => [...lines, ...extra].join('\n');
  const problemsOf = (source: string) => appImageProblems(parseDockerfile(source), app);

  const mutations: [string, string, RegExp][] = [
    [
      'one stage (the old shared-image form)',
      [
        'FROM teranode-p2p-runtime',
        'EXPOSE 9905',
        ...lines.filter((l) => /^(HEALTHCHECK|CMD)/.test(l)),
      ].join('\n'),
      /has 1 stage/,
    ],
    [
      'a runtime stage on another base',
      real.replace(/^FROM \$\{NODE_IMAGE\} AS runtime$/m, 'FROM node:22-alpine AS runtime'),
      /starts from node:22-alpine, not Node 24 slim/,
    ],
    [
      'a runtime stage built on the build stage',
      real.replace(/^FROM \$\{NODE_IMAGE\} AS runtime$/m, 'FROM build AS runtime'),
      /starts from build, not Node 24 slim/,
    ],
    ['no USER', real.replace(/^USER node\n/m, ''), /runs as root/],
    ['USER root', withRuntime('USER root'), /runs as root/],
    ['USER 0:0', real.replace(/^USER node$/m, 'USER 0:0'), /runs as root/],
    ['no HEALTHCHECK', real.replace(/^HEALTHCHECK .*\n/m, ''), /no HEALTHCHECK/],
    ['no CMD', real.replace(/^CMD .*\n?/m, ''), /no CMD/],
    [
      'CMD on a file the build does not make',
      real.replace(`apps/${app}/dist/main.js`, `apps/${app}/src/main.ts`),
      /CMD \/app\/apps\/gossip-node\/src\/main.ts .*not apps\/gossip-node\/dist\/main.js/,
    ],
    [
      'CMD of another app',
      real.replace(`apps/${app}/dist/main.js`, 'apps/ban-service/dist/main.js'),
      /not apps\/gossip-node\/dist\/main.js/,
    ],
    [
      'a health check script taken from the build context',
      withRuntime('COPY deploy/docker/healthcheck.mjs ./deploy/docker/'),
      /HEALTHCHECK .* of the build context/,
    ],
    [
      'the production install without --omit=dev',
      real.replace(' --omit=dev', ''),
      /installs dev dependencies/,
    ],
    [
      'the production install with --include=dev',
      real.replace('--omit=dev', '--omit=dev --include=dev'),
      /installs dev dependencies/,
    ],
    [
      'the build stage’s dev node_modules copied over the production ones',
      withRuntime('COPY --from=build /src/node_modules ./node_modules'),
      /copies \/src\/node_modules, which holds the dev dependencies/,
    ],
    [
      'the whole build workspace copied',
      real.replace('COPY --from=build /out ./', 'COPY --from=build /src ./'),
      /copies \/src, which holds the dev dependencies/,
    ],
    [
      'dev node_modules moved into the staged folder by hand',
      real.replace('WORKDIR /out\n', 'RUN cp -r /src/node_modules /out/\nWORKDIR /out\n'),
      /handles node_modules by hand/,
    ],
    [
      'no runtime dependencies at all',
      real.replace(/^RUN .*--omit=dev.*\n/m, ''),
      /node_modules is .* not an npm install/,
    ],
    [
      'npm ci instead of npm install',
      real.replace('npm install --no-audit', 'npm ci --no-audit'),
      /npm ci/,
    ],
    [
      'building every app',
      real.replace(`npx nx build ${app}`, 'npx nx run-many -t build -p gossip-node ban-service'),
      /nx builds gossip-node ban-service, not gossip-node/,
    ],
    [
      'building another app',
      real.replace(`npx nx build ${app}`, 'npx nx build ban-service'),
      /nx builds ban-service, not gossip-node/,
    ],
    [
      'staging another app',
      real.replace(`stage-runtime.sh /out ${app}`, 'stage-runtime.sh /out ban-service'),
      /stages ban-service, not gossip-node/,
    ],
    [
      'no staging',
      real.replace(/ \\\n && sh deploy\/docker\/stage-runtime.sh .*$/m, ''),
      /does not run deploy\/docker\/stage-runtime.sh/,
    ],
    [
      'no pruning after the production install',
      real.replace(/^RUN sh \/src\/deploy\/docker\/prune-runtime.sh\n/m, ''),
      /does not run deploy\/docker\/prune-runtime.sh in \/out after the production install/,
    ],
    [
      'pruning before the production install',
      real
        .replace(/^RUN sh \/src\/deploy\/docker\/prune-runtime.sh\n/m, '')
        .replace('WORKDIR /out\n', 'WORKDIR /out\nRUN sh /src/deploy/docker/prune-runtime.sh\n'),
      /does not run deploy\/docker\/prune-runtime.sh in \/out after the production install/,
    ],
    [
      'pruning another folder',
      real.replace(
        'RUN sh /src/deploy/docker/prune-runtime.sh',
        'RUN cd /src && sh deploy/docker/prune-runtime.sh',
      ),
      /does not run deploy\/docker\/prune-runtime.sh in \/out after the production install/,
    ],
    [
      'COPY --from a stage that does not exist',
      withRuntime('COPY --from=builder /out ./'),
      /--from=builder is not an earlier stage/,
    ],
    [
      'node_modules from the build context',
      lines.toSpliced(runtimeAt + 3, 0, 'COPY node_modules ./node_modules').join('\n'),
      /copies node_modules from the build context/,
    ],
  ];

  it.each(mutations)('finds %s', (_what, source, problem) => {
    expect(source).not.toBe(real);
    expect(problemsOf(source)).toContainEqual(expect.stringMatching(problem));
  });

  it('accepts equivalent forms: --prefix, NODE_ENV=production, a separate dependencies stage', () => {
    const prune = 'RUN sh /src/deploy/docker/prune-runtime.sh';
    const prefixed = real
      .replace(
        /^WORKDIR \/out\n(#.*\n)?(RUN .*)npm install --omit=dev/m,
        '$2NODE_ENV=production npm --prefix /out install',
      )
      .replace(prune, 'RUN cd /out && sh /src/deploy/docker/prune-runtime.sh');
    expect(prefixed).not.toBe(real);
    expect(problemsOf(prefixed)).toEqual([]);
    const separate = real
      .replace(/^WORKDIR \/out\n(#.*\n)?(RUN .*\n)/m, '')
      .replace(/^# What Node never loads.*\n/m, '')
      .replace(`${prune}\n`, '')
      .replace(
        /^FROM \$\{NODE_IMAGE\} AS runtime$/m,
        [
          'FROM ${NODE_IMAGE} AS dependencies',
          'COPY --from=build /out /out',
          'COPY --from=build /src/deploy/docker/prune-runtime.sh /src/deploy/docker/',
          'RUN cd /out && npm install --omit=dev --ignore-scripts',
          'RUN cd /out && sh /src/deploy/docker/prune-runtime.sh',
          'FROM ${NODE_IMAGE} AS runtime',
        ].join('\n'),
      )
      .replace('COPY --from=build /out ./', 'COPY --from=dependencies /out ./');
    // The staged files now come through the dependencies stage: still the staging's output.
    expect(problemsOf(separate)).toEqual([]);
  });
});
