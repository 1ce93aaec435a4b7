import { posix } from 'node:path';
import { type DockerInstruction, type Dockerfile, execForm } from './dockerfile.js';

const { join, relative, resolve } = posix;

/** One simple command of a RUN instruction, with the directory and variables it runs with. */
export interface ShellCommand {
  readonly line: number;
  readonly cwd: string;
  readonly argv: readonly string[];
  /** The stage's ENV plus assignments written before the command (`NODE_ENV=x npm …`). */
  readonly env: Readonly<Record<string, string>>;
}

/** What a stage does to its filesystem, in order. Paths are absolute inside the stage. */
export type StageEvent =
  | {
      readonly kind: 'copy';
      readonly line: number;
      /** The stage copied from (name or index as written); undefined: the build context. */
      readonly from: string | undefined;
      /** Absolute in the source stage, or relative to the context root for the build context. */
      readonly sources: readonly string[];
      readonly dest: string;
      /** The destination is a folder: written with a trailing `/`, or several sources. */
      readonly destIsDir: boolean;
      readonly chown: string | undefined;
    }
  | {
      readonly kind: 'npm-install';
      readonly line: number;
      /** The folder whose node_modules it fills (`--prefix`, else the working directory). */
      readonly dir: string;
      readonly ci: boolean;
      readonly omitsDev: boolean;
    }
  | {
      readonly kind: 'nx-build';
      readonly line: number;
      readonly cwd: string;
      readonly projects: readonly string[];
    }
  | {
      readonly kind: 'script';
      readonly line: number;
      readonly cwd: string;
      /** The script as written, and its arguments. */
      readonly script: string;
      readonly args: readonly string[];
    };

export interface StageModel {
  readonly index: number;
  readonly name: string | undefined;
  readonly from: string;
  readonly events: readonly StageEvent[];
  readonly commands: readonly ShellCommand[];
  /** The working directory in effect at the end of the stage (what CMD runs in). */
  readonly workdir: string;
}

const OPERATORS = ['&&', '||', ';', '|', '&', '(', ')'];

/** Words and operators of a shell command line; quotes and backslashes resolved. */
export function shellTokens(script: string): string[] {
  const tokens: string[] = [];
  let word: string | undefined;
  const end = () => {
    if (word !== undefined) tokens.push(word);
    word = undefined;
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    const two = script.slice(i, i + 2);
    if (/\s/.test(c)) end();
    else if (c === "'" || c === '"') {
      const close = script.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unterminated ${c} in: ${script}`);
      word = (word ?? '') + script.slice(i + 1, close).replace(/\\(["\\$`])/g, '$1');
      i = close;
    } else if (c === '\\') {
      word = (word ?? '') + (script[i + 1] ?? '');
      i++;
    } else if (OPERATORS.includes(two) || OPERATORS.includes(c)) {
      end();
      const op = OPERATORS.includes(two) ? two : c;
      tokens.push(op);
      i += op.length - 1;
    } else word = (word ?? '') + c;
  }
  end();
  return tokens;
}

/** `ENV A=1 B="2"` or `ENV A 1` as a mapping. */
function envAssignments(rest: string): Record<string, string> {
  const tokens = shellTokens(rest);
  if (tokens.length > 0 && !tokens[0]!.includes('=')) {
    return { [tokens[0]!]: tokens.slice(1).join(' ') };
  }
  return Object.fromEntries(
    tokens.map((token) => [
      token.slice(0, token.indexOf('=')),
      token.slice(token.indexOf('=') + 1),
    ]),
  );
}

/** The simple commands of a RUN, tracking `cd` (within the RUN, and within subshells). */
function runCommands(
  instruction: DockerInstruction,
  workdir: string,
  stageEnv: Record<string, string>,
): ShellCommand[] {
  let tokens: string[];
  if (instruction.rest.startsWith('[')) {
    const argv = execForm(instruction);
    tokens = ['sh', 'bash'].includes(argv[0]!) && argv[1] === '-c' ? shellTokens(argv[2]!) : argv;
  } else tokens = shellTokens(instruction.rest);
  const commands: ShellCommand[] = [];
  const cwdStack = [workdir];
  let words: string[] = [];
  const flush = () => {
    const assignments: Record<string, string> = {};
    while (words.length > 0 && /^[A-Za-z_]\w*=/.test(words[0]!)) {
      const [name, ...value] = words.shift()!.split('=');
      assignments[name!] = value.join('=');
    }
    const cwd = cwdStack.at(-1)!;
    if (words[0] === 'cd') cwdStack[cwdStack.length - 1] = resolve(cwd, words[1] ?? '/root');
    else if (words.length > 0) {
      commands.push({
        line: instruction.line,
        cwd,
        argv: words,
        env: { ...stageEnv, ...assignments },
      });
    }
    words = [];
  };
  for (const token of tokens) {
    if (token === '(') cwdStack.push(cwdStack.at(-1)!);
    else if (token === ')') {
      flush();
      cwdStack.pop();
    } else if (OPERATORS.includes(token)) flush();
    else words.push(token);
  }
  flush();
  return commands;
}

const INSTALL = ['install', 'i', 'add', 'ci', 'clean-install', 'install-clean'];
const VALUE_OPTIONS = ['prefix', 'omit', 'only', 'include', 'workspace', 'w'];

/** `npm [options] install|ci [options]` as an install, or undefined for other commands. */
function npmInstall(command: ShellCommand): StageEvent | undefined {
  if (command.argv[0] !== 'npm') return undefined;
  const options: [string, string | true][] = [];
  const positional: string[] = [];
  const args = command.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) positional.push(arg);
    else if (arg.includes('=')) options.push([arg.slice(2, arg.indexOf('=')), arg.split('=')[1]!]);
    else if (VALUE_OPTIONS.includes(arg.slice(2)) && args[i + 1] !== undefined) {
      options.push([arg.slice(2), args[++i]!]);
    } else options.push([arg.slice(2), true]);
  }
  if (!INSTALL.includes(positional[0] ?? '')) return undefined;
  const values = (name: string) => options.filter(([n]) => n === name).map(([, v]) => v);
  const includesDev = values('include').includes('dev');
  const omitsDev =
    !includesDev &&
    (values('omit').includes('dev') ||
      values('production').length > 0 ||
      values('only').some((v) => v === 'prod' || v === 'production') ||
      command.env['NODE_ENV'] === 'production');
  const prefix = values('prefix')[0];
  return {
    kind: 'npm-install',
    line: command.line,
    dir: typeof prefix === 'string' ? resolve(command.cwd, prefix) : command.cwd,
    ci: positional[0] !== 'install' && positional[0] !== 'i' && positional[0] !== 'add',
    omitsDev,
  };
}

/** `[npx] nx build <project>`, `nx run <project>:build`, `nx run-many -t build -p a b`. */
function nxBuild(command: ShellCommand): StageEvent | undefined {
  const argv = command.argv[0] === 'npx' ? command.argv.slice(1) : command.argv;
  if (argv[0] !== 'nx') return undefined;
  const args = argv.slice(2).filter((arg) => !arg.startsWith('-'));
  let projects: string[] | undefined;
  if (argv[1] === 'build') projects = args.slice(0, 1);
  else if (argv[1] === 'run' && argv[2]?.endsWith(':build')) projects = [argv[2].slice(0, -6)];
  else if (argv[1] === 'run-many' && argv.includes('build')) {
    const p = argv.findIndex((arg) => arg === '-p' || arg === '--projects');
    projects = p < 0 ? ['(all)'] : argv.slice(p + 1).filter((arg) => !arg.startsWith('-'));
  }
  return projects && { kind: 'nx-build', line: command.line, cwd: command.cwd, projects };
}

/** `sh x.sh args`, `bash x.sh args` or `./x.sh args`. */
function scriptRun(command: ShellCommand): StageEvent | undefined {
  const [first, ...rest] = command.argv;
  const [script, args] = ['sh', 'bash', 'dash'].includes(first!)
    ? [rest[0], rest.slice(1)]
    : [first, rest];
  if (script === undefined || !script.endsWith('.sh')) return undefined;
  return { kind: 'script', line: command.line, cwd: command.cwd, script, args };
}

/** Every stage's filesystem events, working directories and commands. */
export function stageModels(dockerfile: Dockerfile): StageModel[] {
  return dockerfile.stages.map((stage, index) => {
    let workdir = '/';
    const env: Record<string, string> = {};
    const events: StageEvent[] = [];
    const commands: ShellCommand[] = [];
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'WORKDIR') workdir = resolve(workdir, instruction.rest);
      else if (instruction.keyword === 'ENV') Object.assign(env, envAssignments(instruction.rest));
      else if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        const parts = instruction.rest.startsWith('[')
          ? execForm(instruction)
          : shellTokens(instruction.rest);
        const from = instruction.flags['from'];
        events.push({
          kind: 'copy',
          line: instruction.line,
          from,
          sources: parts
            .slice(0, -1)
            .map((source) => (from === undefined ? join('.', source) : resolve('/', source))),
          dest: resolve(workdir, parts.at(-1)!),
          destIsDir: parts.at(-1)!.endsWith('/') || parts.length > 2,
          chown: instruction.flags['chown'],
        });
      } else if (instruction.keyword === 'RUN') {
        for (const command of runCommands(instruction, workdir, env)) {
          commands.push(command);
          const event = npmInstall(command) ?? nxBuild(command) ?? scriptRun(command);
          if (event) events.push(event);
        }
      }
    }
    return { index, name: stage.name, from: stage.from, events, commands, workdir };
  });
}

/** The stage a `COPY --from` names (by name or index), if it is an earlier stage. */
export function sourceStage(
  models: readonly StageModel[],
  model: StageModel,
  from: string,
): StageModel | undefined {
  const source = models.find((m) => m.name === from || String(m.index) === from);
  return source !== undefined && source.index < model.index ? source : undefined;
}

/** Whether `path` is `dir` or inside it. */
export function within(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !posix.isAbsolute(rel));
}

/** Where a path of a stage's filesystem comes from. */
export type Origin =
  | { readonly kind: 'npm-install'; readonly stage: StageModel; readonly install: StageEvent }
  | {
      readonly kind: 'script';
      readonly stage: StageModel;
      readonly script: StageEvent;
      readonly path: string;
    }
  | { readonly kind: 'context'; readonly path: string }
  | { readonly kind: 'base-image'; readonly stage: StageModel; readonly path: string };

/**
 * Follows a path back through the stages: the last event of the stage that wrote it (a COPY
 * from another stage is followed there). A script's output is its last argument that names a
 * folder containing the path (the staging folder of stage-runtime.sh).
 */
export function originOf(models: readonly StageModel[], model: StageModel, path: string): Origin {
  for (const event of [...model.events].reverse()) {
    if (event.kind === 'npm-install' && within(path, join(event.dir, 'node_modules'))) {
      return { kind: 'npm-install', stage: model, install: event };
    }
    if (event.kind === 'script') {
      const output = event.args.map((arg) => resolve(event.cwd, arg)).find((o) => within(path, o));
      if (output !== undefined && event.args.length > 0 && output !== event.cwd) {
        return { kind: 'script', stage: model, script: event, path: relative(output, path) };
      }
    }
    if (event.kind === 'copy' && within(path, event.dest)) {
      // A file copied into a folder lands at folder/<its name>; a folder's content lands in dest.
      const file = event.sources.find((s) => path === join(event.dest, posix.basename(s)));
      const source =
        event.destIsDir && file !== undefined
          ? file
          : join(event.sources[0]!, relative(event.dest, path));
      if (event.from === undefined) return { kind: 'context', path: source };
      const stage = sourceStage(models, model, event.from);
      if (stage === undefined) return { kind: 'base-image', stage: model, path };
      return originOf(models, stage, source);
    }
  }
  return { kind: 'base-image', stage: model, path };
}
