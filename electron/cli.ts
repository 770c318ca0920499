/**
 * `cadre`: the command-line door into the same services the app uses.
 * Exit codes: 0 success, 1 user error (Chinese message on stderr), 2 bad usage.
 */
import fs from 'node:fs';
import { dbPathIn, resolveDataDir } from './paths';
import { openCore, type Core } from './services/core';
import { APP_VERSION } from './version';
import type { Method, OutputOf } from '../shared/api';
import { AppError } from '../shared/errors';

const HELP = `干部工作台命令行工具 cadre ${APP_VERSION}

用法：cadre [--db 文件 | --data-dir 目录] <命令> [选项]

命令：
  demo [--force]            载入示例数据（--force：清空现有数据后载入）
  list cadres [--json]      列出干部（--json 输出 JSON 数组）
  list units [--json]       列出单位
  status [--json]           显示数据文件与记录数

全局选项：
  --db 文件                 使用指定的数据库文件（默认：程序数据目录中的 cadre-desk.db）
  --data-dir 目录           使用指定的数据目录（也可设置环境变量 CADRE_DATA_DIR）
  --help, -h                显示本帮助
  --version                 显示版本

退出码：0 成功；1 操作失败（原因见标准错误输出）；2 用法错误。`;

class UsageError extends Error {}

interface Parsed {
  db?: string;
  dataDir?: string;
  json: boolean;
  force: boolean;
  help: boolean;
  version: boolean;
  words: string[];
}

export function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { json: false, force: false, help: false, version: false, words: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`选项 ${name} 需要一个值`);
      return v;
    };
    if (a === '--db' || a.startsWith('--db=')) p.db = value('--db');
    else if (a === '--data-dir' || a.startsWith('--data-dir=')) p.dataDir = value('--data-dir');
    else if (a === '--json') p.json = true;
    else if (a === '--force') p.force = true;
    else if (a === '--help' || a === '-h') p.help = true;
    else if (a === '--version') p.version = true;
    else if (a.startsWith('-')) throw new UsageError(`未知选项：${a}`);
    else p.words.push(a);
  }
  return p;
}

async function call<M extends Method>(core: Core, method: M, input: unknown): Promise<OutputOf<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
  return result.data as OutputOf<M>;
}

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Plain text table for people: tab-separated, one header line. */
function printTable(rows: Record<string, unknown>[], columns: [string, string][]): void {
  const lines = [columns.map(([, label]) => label).join('\t')];
  for (const r of rows) lines.push(columns.map(([k]) => String(r[k] ?? '')).join('\t'));
  process.stdout.write(lines.join('\n') + '\n');
}

async function run(p: Parsed): Promise<void> {
  const [command, subject, ...rest] = p.words;
  const expectArgs = (n: number) => {
    if (p.words.length > n) throw new UsageError(`多余的参数：${p.words.slice(n).join(' ')}`);
  };
  const dataDir = p.dataDir ?? resolveDataDir([], process.env);
  const dbPath = p.db ?? dbPathIn(dataDir);
  if (p.db && fs.existsSync(p.db) && fs.statSync(p.db).isDirectory()) throw new AppError('VALIDATION', `「${p.db}」是目录，--db 需要一个数据库文件`);
  const open = () => openCore({ dbPath, appVersion: APP_VERSION });

  if (command === 'demo') {
    expectArgs(1);
    const core = open();
    try {
      const counts = await call(core, 'loadDemo', { force: p.force });
      if (p.json) print(counts);
      else console.log(`已载入示例数据：${counts.units} 个单位，${counts.cadres} 名干部（${core.dbPath}）`);
    } finally {
      core.close();
    }
  } else if (command === 'list' && (subject === 'cadres' || subject === 'units')) {
    expectArgs(2);
    void rest;
    const core = open();
    try {
      if (subject === 'cadres') {
        const rows = await call(core, 'listCadres', {});
        if (p.json) print(rows);
        else printTable(rows, [['id', '编号'], ['name', '姓名'], ['gender', '性别'], ['birth', '出生年月'], ['unit', '单位'], ['post', '现任职务'], ['rank', '职级']]);
      } else {
        const units = await call(core, 'listUnits', {});
        if (p.json) print(units);
        else printTable(units, [['id', '编号'], ['parentId', '上级编号'], ['name', '名称'], ['kind', '类别']]);
      }
    } finally {
      core.close();
    }
  } else if (command === 'status') {
    expectArgs(1);
    const core = open();
    try {
      const s = await call(core, 'getStatus', {});
      if (p.json) print(s);
      else console.log(`数据文件：${s.dbPath}\n结构版本：${s.schemaVersion}\n单位：${s.counts.units}\n干部：${s.counts.cadres}`);
    } finally {
      core.close();
    }
  } else if (command === undefined) {
    throw new UsageError('缺少命令');
  } else {
    throw new UsageError(`未知命令：${p.words.join(' ')}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n运行 cadre --help 查看用法。`);
    return 2;
  }
  if (parsed.help) {
    console.log(HELP);
    return 0;
  }
  if (parsed.version) {
    console.log(APP_VERSION);
    return 0;
  }
  try {
    await run(parsed);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${HELP}`);
      return 2;
    }
    if (err instanceof AppError) {
      console.error(err.message);
      return 1;
    }
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      console.error(`无法打开数据文件「${dbPath(parsed)}」：文件已损坏或不是数据库文件。`);
      return 1;
    }
    console.error(`操作失败：${(err as Error)?.message ?? String(err)}`);
    return 1;
  }
}

function dbPath(p: Parsed): string {
  return p.db ?? dbPathIn(p.dataDir ?? resolveDataDir([], process.env));
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
  });
}
