import { redactText } from './redaction.js';
import type { AnySettingDefinition } from './setting-definition.js';
import { definitionsBySpelling, type Settings, settingDefinitions } from './settings-schema.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return text === '' ? '(empty)' : `\`${text}\``;
}

function defaultCell(definition: AnySettingDefinition): string {
  if (definition.unset !== undefined) return `unset: ${definition.unset}`;
  return code(definition.kind.format(definition.defaultValue as never));
}

function keyCell(definition: AnySettingDefinition): string {
  const aliases = definition.aliases.map((alias) => `\`${alias}\``).join(', ');
  return `\`${definition.key}\`${aliases === '' ? '' : ` (also ${aliases})`}`;
}

/**
 * The settings as a markdown table (key | type | default | meaning) for the README, in
 * declaration order, grouped by area.
 */
export function describeSettings(
  definitions: readonly AnySettingDefinition[] = settingDefinitions,
): string {
  const rows = definitions.map(
    (d) =>
      `| ${cell(keyCell(d))} | ${cell(d.kind.type)} | ${cell(defaultCell(d))} | ${cell(`${d.group}: ${d.meaning}`)} |`,
  );
  return ['| key | type | default | meaning |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}

/**
 * The settings as text, safe to log: each value in its canonical setting form (what you would
 * write in the settings file), secrets masked, unset optional settings as null.
 */
export function redactedSettings(
  settings: Partial<Settings>,
): Readonly<Record<string, string | null>> {
  const shown: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(settings)) {
    const definition = definitionsBySpelling.get(key);
    if (definition === undefined) continue;
    shown[key] =
      value === undefined
        ? null
        : redactText(definition.kind.format(value as never), definition.secret);
  }
  return Object.freeze(shown);
}
