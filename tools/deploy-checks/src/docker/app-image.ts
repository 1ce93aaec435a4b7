import { posix } from 'node:path';
import { type Dockerfile, execForm, lastInstruction } from './dockerfile.js';
import { NODE_IMAGE } from './images.js';
import {
  type Origin,
  type StageEvent,
  type StageModel,
  originOf,
  sourceStage,
  stageModels,
  within,
} from './image-model.js';

const { join, relative, resolve } = posix;

/** The script that gathers an app's run-time files into a folder (tested on its own). */
export const STAGE_SCRIPT = 'deploy/docker/stage-runtime.sh';
/** What the build stage runs in the staged folder after the production install (tested on its own). */
export const PRUNE_SCRIPT = 'deploy/docker/prune-runtime.sh';
/** The health check script every image runs (tested on its own). */
export const HEALTHCHECK_SCRIPT = 'deploy/docker/healthcheck.mjs';

type Event<K extends StageEvent['kind']> = Extract<StageEvent, { kind: K }>;

export function isRootUser(user: string | undefined): boolean {
  return user === undefined || /^(root|0)(:|$)/.test(user);
}

/** The projects the Dockerfile's `nx build` commands build, in order. */
export function builtProjects(dockerfile: Dockerfile): string[] {
  return stageModels(dockerfile).flatMap((m) =>
    m.events.flatMap((e) => (e.kind === 'nx-build' ? e.projects : [])),
  );
}

function describeOrigin(origin: Origin): string {
  switch (origin.kind) {
    case 'npm-install':
      return `npm install in ${origin.install.kind === 'npm-install' ? origin.install.dir : ''} (stage ${origin.stage.name ?? origin.stage.index}, line ${origin.install.line})`;
    case 'script':
      return `${origin.path} of the output of line ${origin.script.line}`;
    case 'context':
      return `${origin.path} of the build context`;
    case 'base-image':
      return `the base image of stage ${origin.stage.name ?? origin.stage.index} (nothing writes ${origin.path})`;
  }
}

/**
 * What is wrong with apps/<app>/Dockerfile as a self-contained image of that app: a build stage
 * that installs (npm install, not npm ci), runs `nx build <app>` and stages its run-time files
 * with stage-runtime.sh; a runtime stage on the same Node 24 slim base as a non-root user, whose
 * node_modules come from an install without dev dependencies, which copies no dev
 * node_modules, and whose CMD and HEALTHCHECK run files the staging produced. Empty when right.
 */
export function appImageProblems(dockerfile: Dockerfile, app: string): string[] {
  const problems: string[] = [];
  const models = stageModels(dockerfile);
  const final = models.at(-1)!;
  const finalStage = dockerfile.stages.at(-1)!;

  if (models.length < 2) {
    problems.push(`has ${models.length} stage: needs a build stage and a runtime stage`);
  }
  const bases = new Set(models.map((m) => m.from));
  for (const model of models) {
    if (!NODE_IMAGE.test(model.from)) {
      problems.push(
        `stage ${model.name ?? model.index} starts from ${model.from}, not Node 24 slim`,
      );
    }
  }
  if (bases.size > 1) problems.push(`stages start from different images: ${[...bases].join(', ')}`);

  // Installs, copies and shell commands that would bring dev dependencies along.
  const lastInstalls = (model: StageModel) => {
    const byDir = new Map<string, Event<'npm-install'>>();
    for (const e of model.events) if (e.kind === 'npm-install') byDir.set(e.dir, e);
    return [...byDir.values()];
  };
  for (const model of models) {
    for (const event of model.events) {
      if (event.kind === 'npm-install' && event.ci) {
        problems.push(`line ${event.line}: npm ci (the README's install is npm install)`);
      }
      if (event.kind !== 'copy') continue;
      if (event.from === undefined) {
        for (const source of event.sources) {
          if (source.split('/').includes('node_modules')) {
            problems.push(`line ${event.line}: copies ${source} from the build context`);
          }
        }
        continue;
      }
      const source = sourceStage(models, model, event.from);
      if (source === undefined) {
        problems.push(`line ${event.line}: COPY --from=${event.from} is not an earlier stage`);
        continue;
      }
      for (const install of lastInstalls(source).filter((i) => !i.omitsDev)) {
        const devModules = join(install.dir, 'node_modules');
        for (const path of event.sources) {
          if (within(path, devModules) || within(devModules, path)) {
            problems.push(
              `line ${event.line}: copies ${path}, which holds the dev dependencies ${devModules} (line ${install.line})`,
            );
          }
        }
      }
    }
    for (const command of model.commands) {
      if (command.argv.some((arg) => arg.includes('node_modules'))) {
        problems.push(
          `line ${command.line}: ${command.argv.join(' ')} handles node_modules by hand`,
        );
      }
    }
  }

  // The build: repository copied in, npm install, nx build <app>, then the staging script.
  const build = models.find((m) => m.events.some((e) => e.kind === 'nx-build'));
  const builds = models.flatMap((m) => m.events.filter((e) => e.kind === 'nx-build'));
  let stageRun: Event<'script'> | undefined;
  if (build === undefined || build === final) {
    problems.push(`no build stage runs nx build ${app} before the runtime stage`);
  } else {
    const nx = builds[0]!;
    const projects = builds.flatMap((e) => e.projects);
    if (projects.join(' ') !== app) problems.push(`nx builds ${projects.join(' ')}, not ${app}`);
    const before = build.events.slice(0, build.events.indexOf(nx));
    const repository = before.find(
      (e) => e.kind === 'copy' && e.from === undefined && e.sources.join() === '.',
    );
    if (repository === undefined || repository.kind !== 'copy' || repository.dest !== nx.cwd) {
      problems.push(`the build stage does not copy the repository (COPY . .) to where nx runs`);
    }
    if (!before.some((e) => e.kind === 'npm-install' && e.dir === nx.cwd && !e.ci)) {
      problems.push(`the build stage runs no npm install in ${nx.cwd} before nx build`);
    }
    stageRun = build.events
      .slice(build.events.indexOf(nx) + 1)
      .filter((e): e is Event<'script'> => e.kind === 'script')
      .find((e) => relative(nx.cwd, resolve(e.cwd, e.script)) === STAGE_SCRIPT);
    if (stageRun === undefined) {
      problems.push(`the build stage does not run ${STAGE_SCRIPT} after nx build`);
    } else if (stageRun.args.length !== 2 || stageRun.args[1] !== app) {
      problems.push(`${STAGE_SCRIPT} stages ${stageRun.args.slice(1).join(' ')}, not ${app}`);
    }
  }

  /** A file of the runtime stage must be `expected` of what stage-runtime.sh staged. */
  const staged = (what: string, path: string, expected: string) => {
    const origin = originOf(models, final, path);
    if (origin.kind !== 'script' || origin.script !== stageRun || origin.path !== expected) {
      problems.push(
        `${what} ${path} is ${describeOrigin(origin)}, not ${expected} staged by ${STAGE_SCRIPT}`,
      );
    }
  };

  // The runtime stage.
  if (isRootUser(lastInstruction(finalStage, 'USER')?.rest)) {
    problems.push('the runtime stage runs as root (no USER, or USER root)');
  }
  const cmd = lastInstruction(finalStage, 'CMD');
  if (cmd === undefined) problems.push('the runtime stage has no CMD');
  else {
    const [node, main, ...more] = execForm(cmd);
    if (node !== 'node' || main === undefined || more.length > 0) {
      problems.push(`CMD ${cmd.rest} is not ["node", "<file>"]`);
    } else staged('CMD', resolve(final.workdir, main), `apps/${app}/dist/main.js`);
  }
  const healthcheck = lastInstruction(finalStage, 'HEALTHCHECK');
  if (healthcheck === undefined) problems.push('the runtime stage has no HEALTHCHECK');
  else {
    const [node, script] = execForm(healthcheck, healthcheck.rest.replace(/^CMD\s+/, ''));
    if (node !== 'node' || script === undefined) {
      problems.push(`HEALTHCHECK ${healthcheck.rest} does not run node <script>`);
    } else staged('HEALTHCHECK', resolve(final.workdir, script), HEALTHCHECK_SCRIPT);
  }
  const modules = join(final.workdir, 'node_modules');
  const origin = originOf(models, final, modules);
  if (origin.kind !== 'npm-install' || origin.install.kind !== 'npm-install') {
    problems.push(`the runtime ${modules} is ${describeOrigin(origin)}, not an npm install`);
  } else if (!origin.install.omitsDev) {
    problems.push(
      `the runtime ${modules} is ${describeOrigin(origin)}, which installs dev dependencies`,
    );
  } else if (
    stageRun !== undefined &&
    origin.install.dir !== resolve(stageRun.cwd, stageRun.args[0]!)
  ) {
    problems.push(`the runtime ${modules} is ${describeOrigin(origin)}, not in the staged folder`);
  } else if (build !== undefined) {
    // What Node never loads (source maps, TypeScript, the dependencies' tests) is removed there.
    const install = origin.install;
    const root = builds[0]!.cwd;
    const after = origin.stage.events.slice(origin.stage.events.indexOf(install) + 1);
    const pruned = after.some(
      (e) =>
        e.kind === 'script' &&
        relative(root, resolve(e.cwd, e.script)) === PRUNE_SCRIPT &&
        e.cwd === install.dir &&
        e.args.length === 0,
    );
    if (!pruned) {
      problems.push(
        `the build stage does not run ${PRUNE_SCRIPT} in ${install.dir} after the production install`,
      );
    }
  }
  return problems;
}
