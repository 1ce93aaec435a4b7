/** One instruction of a Dockerfile: `COPY --from=build /out ./` → COPY, flags {from}, args. */
export interface DockerInstruction {
  readonly line: number;
  readonly keyword: string;
  /** `--name=value` flags before the arguments. */
  readonly flags: Readonly<Record<string, string>>;
  /** The rest after the flags, as written. */
  readonly rest: string;
}

export interface DockerStage {
  /** The image reference after FROM, with build arguments substituted by their defaults. */
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: readonly DockerInstruction[];
}

export interface Dockerfile {
  /** ARG defaults declared before the first FROM (those FROM may use). */
  readonly globalArgs: Readonly<Record<string, string>>;
  readonly stages: readonly DockerStage[];
}

const FLAG = /^--([a-z-]+)=(\S+)\s*/;

function parseInstruction(line: number, text: string): DockerInstruction {
  const match = /^(\S+)\s*(.*)$/s.exec(text)!;
  const keyword = match[1]!.toUpperCase();
  let rest = match[2]!.trim();
  const flags: Record<string, string> = {};
  for (let flag = FLAG.exec(rest); flag; flag = FLAG.exec(rest)) {
    flags[flag[1]!] = flag[2]!;
    rest = rest.slice(flag[0].length);
  }
  return { line, keyword, flags, rest };
}

/** Instructions with their line numbers; continuation lines joined, comments dropped. */
export function dockerInstructions(source: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let pending: { line: number; text: string } | undefined;
  source.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (trimmed === '' && pending === undefined)) return;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed;
    pending = pending
      ? { line: pending.line, text: `${pending.text} ${part}` }
      : { line: index + 1, text: part };
    if (!continued) {
      instructions.push(parseInstruction(pending.line, pending.text));
      pending = undefined;
    }
  });
  if (pending) throw new Error(`Dockerfile ends inside a continued line (line ${pending.line})`);
  return instructions;
}

/** `${NAME}`, `$NAME` and `${NAME:-default}` with the given arguments. */
export function substituteArgs(text: string, args: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)/g, (whole, braced, fallback, bare) => {
    const name = (braced ?? bare) as string;
    const value = args[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback as string;
    throw new Error(`Dockerfile uses \${${name}} without a default (${whole})`);
  });
}

export function parseDockerfile(source: string): Dockerfile {
  const globalArgs: Record<string, string> = {};
  const stages: { from: string; name: string | undefined; instructions: DockerInstruction[] }[] =
    [];
  for (const instruction of dockerInstructions(source)) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.rest.split(/\s+/);
      if (as !== undefined && as.toUpperCase() !== 'AS') {
        throw new Error(
          `line ${instruction.line}: FROM ${instruction.rest} is not FROM image [AS name]`,
        );
      }
      stages.push({ from: substituteArgs(image!, globalArgs), name, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') {
        throw new Error(`line ${instruction.line}: ${instruction.keyword} before the first FROM`);
      }
      const [name, value = ''] = instruction.rest.split('=', 2);
      globalArgs[name!] = value;
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  if (stages.length === 0) throw new Error('Dockerfile has no FROM');
  return { globalArgs, stages };
}

/** The exec form `["node", "x.js"]` as an array; the shell form is refused. */
export function execForm(instruction: DockerInstruction, text = instruction.rest): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(
      `line ${instruction.line}: ${instruction.keyword} is not in exec form: ${text}`,
    );
  }
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) {
    throw new Error(`line ${instruction.line}: ${instruction.keyword} is not a JSON string array`);
  }
  return parsed as string[];
}

/** The last instruction with this keyword in the stage, if any. */
export function lastInstruction(
  stage: DockerStage,
  keyword: string,
): DockerInstruction | undefined {
  return stage.instructions.findLast((instruction) => instruction.keyword === keyword);
}
