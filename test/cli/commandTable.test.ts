/**
 * The command table (sim/cli/main.ts) lists each command by its card (name and summary) and
 * loads its module only when it runs: every entry loads a command of the same name and summary,
 * names are unique, and `tokensim --help` lists every command with its summary.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, formatMainHelp } from '../../sim/cli/main.ts';

describe('the command table', () => {
  it('loads, for every entry, the command of that name and summary', async () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect([command.name, command.summary]).toEqual([entry.name, entry.summary]);
      expect(command.usage.startsWith(`tokensim ${entry.name}`)).toBe(true);
    }
  });

  it('lists every command with its summary in tokensim --help', () => {
    const help = formatMainHelp();
    for (const c of COMMANDS) expect(help).toMatch(new RegExp(`^  ${c.name} +${c.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });
});
