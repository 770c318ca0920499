/**
 * `cadre`: the command-line door into the same services the app uses.
 * Exit codes: 0 success, 1 user error (Chinese message on stderr), 2 bad usage.
 */
import { AppError } from '../../shared/contract/errors';
import type { Core } from '../services/core/core';
import { dataFile, openData } from '../services/core/lifecycle';
import { systemError } from '../services/core/system-errors';
import { APP_VERSION } from '../version';
import { callRoute, UsageError, type Command, type CommandContext, type OptionValues } from './command';
import { commands } from './commands';

interface Globals {
  db?: string;
  dataDir?: string;
  help: boolean;
  version: boolean;
}

function helpText(): string {
  const lines = commands.map(c => {
    const opts = Object.entries(c.options ?? {})
      .map(([name, o]) => (o.kind === 'flag' ? `[--${name}]` : `[--${name} ${o.arg ?? '值'}]${o.kind === 'multi' ? '…' : ''}`))
      .join(' ');
    const head = [...c.words, c.args ?? '', opts].filter(Boolean).join(' ');
    return `  ${head}\n      ${c.summary}`;
  });
  return `干部工作台命令行工具 cadre ${APP_VERSION}

用法：cadre [--db 文件 | --data-dir 目录] <命令> [选项]

命令：
${lines.join('\n')}

全局选项：
  --db 文件                 使用指定的数据库文件（默认：程序数据目录中的 cadre-desk.db）
  --data-dir 目录           使用指定的数据目录（也可设置环境变量 CADRE_DATA_DIR）
  --help, -h                显示本帮助
  --version                 显示版本

退出码：0 成功；1 操作失败（原因见标准错误输出）；2 用法错误。`;
}

/** Takes the global options out of argv wherever they stand. */
function splitGlobals(argv: string[]): { globals: Globals; rest: string[] } {
  const globals: Globals = { help: false, version: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`选项 ${name} 需要一个值`);
      return v;
    };
    if (a === '--db' || a.startsWith('--db=')) globals.db = value('--db');
    else if (a === '--data-dir' || a.startsWith('--data-dir=')) globals.dataDir = value('--data-dir');
    else if (a === '--help' || a === '-h') globals.help = true;
    else if (a === '--version') globals.version = true;
    else rest.push(a);
  }
  return { globals, rest };
}

/** The command whose words are the longest prefix of the arguments. */
function findCommand(rest: string[]): Command {
  const match = commands.filter(c => c.words.every((w, i) => rest[i] === w)).sort((a, b) => b.words.length - a.words.length)[0];
  if (!match) {
    if (rest.length === 0) throw new UsageError('缺少命令');
    throw new UsageError(rest[0].startsWith('-') ? `未知选项：${rest[0]}` : `未知命令：${rest.join(' ')}`);
  }
  return match;
}

function parseOptions(cmd: Command, tokens: string[]): { options: OptionValues; positional: string[] } {
  const options: OptionValues = {};
  const positional: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.startsWith('--')) {
      positional.push(t);
      continue;
    }
    const eq = t.indexOf('=');
    const name = t.slice(2, eq > 0 ? eq : undefined);
    const spec = cmd.options?.[name];
    if (!spec) throw new UsageError(`未知选项：--${name}`);
    if (spec.kind === 'flag') {
      if (eq > 0) throw new UsageError(`选项 --${name} 不接受值`);
      options[name] = true;
      continue;
    }
    const v = eq > 0 ? t.slice(eq + 1) : tokens[++i];
    if (v === undefined || (eq < 0 && v.startsWith('--'))) throw new UsageError(`选项 --${name} 需要一个值`);
    if (spec.kind === 'multi') options[name] = [...((options[name] as string[] | undefined) ?? []), v];
    else options[name] = v;
  }
  const { min, max } = cmd.positional ?? { min: 0, max: 0 };
  if (positional.length < min) throw new UsageError(`命令 ${cmd.words.join(' ')} 缺少参数 ${cmd.args ?? ''}`);
  if (positional.length > max) throw new UsageError(`多余的参数：${positional.slice(max).join(' ')}`);
  return { options, positional };
}

export async function main(argv: string[]): Promise<number> {
  let globals: Globals;
  let cmd: Command;
  let parsed: { options: OptionValues; positional: string[] };
  try {
    const split = splitGlobals(argv);
    globals = split.globals;
    if (globals.help) {
      console.log(helpText());
      return 0;
    }
    if (globals.version) {
      console.log(APP_VERSION);
      return 0;
    }
    cmd = findCommand(split.rest);
    parsed = parseOptions(cmd, split.rest.slice(cmd.words.length));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n运行 cadre --help 查看用法。`);
    return 2;
  }

  // The start-up sequence's data file and open (services/core/lifecycle.ts); a command takes no snapshots.
  const { dbPath } = dataFile({ dbPath: globals.db, dataDir: globals.dataDir, env: process.env });
  let core: Core | undefined;
  const ctx: CommandContext = {
    dbPath,
    core: () => (core ??= openData({ dbPath, appVersion: APP_VERSION, mustExist: !cmd.createsData })),
    call: (method, input) => callRoute(ctx.core(), method, input),
    printJson: value => process.stdout.write(JSON.stringify(value, null, 2) + '\n'),
    print: text => process.stdout.write(text + '\n'),
  };

  try {
    return (await cmd.run(ctx, parsed.options, parsed.positional)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n运行 cadre --help 查看用法。`);
      return 2;
    }
    if (err instanceof AppError) {
      console.error(err.message);
      return 1;
    }
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      console.error(`无法打开数据文件「${dbPath}」：文件已损坏或不是数据库文件。`);
      return 1;
    }
    // Disk full, no permission, a file where the folder should be…: words a clerk can act on.
    const known = systemError(err);
    console.error(known ? known.message : `操作失败：${(err as Error)?.message ?? String(err)}`);
    return 1;
  } finally {
    core?.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
  });
}
