/** Small real databases and ways to compare and damage them, for the backup tests. */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../../electron/db/database';

/** Adds `n` cadres (with a long resume, so the file has many pages) under one unit; returns the unit id. */
export function addCadres(db: Database, n: number, prefix = '干部'): number {
  const unit = Number(db.prepare("INSERT INTO units(name, kind) VALUES (?, '机关')").run(`${prefix}单位`).lastInsertRowid);
  const insert = db.prepare('INSERT INTO cadres(unit_id, name, gender, birth, resume) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(unit, `${prefix}${i}`, i % 2 ? '女' : '男', '1985-03', `2003.09--2007.07  某某大学学习\n`.repeat(12));
  })();
  return unit;
}

/** Every row of every table, in a stable order: equal dumps mean equal data. */
export function dumpRows(file: string): string {
  const copy = `${file}.dump-${process.pid}.tmp`;
  // Read a private copy (with its -wal) so the live file and its sidecars are not touched.
  fs.copyFileSync(file, copy);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  const db = new BetterSqlite3(copy);
  try {
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
    ).map(t => t.name);
    const out: Record<string, unknown[]> = {};
    for (const t of tables) {
      out[t] = db
        .prepare(`SELECT * FROM "${t}"`)
        .all()
        .map(r => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : v)))
        .sort();
    }
    out['#user_version'] = [db.pragma('user_version', { simple: true })];
    return JSON.stringify(out);
  } finally {
    db.close();
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  }
}

/** Overwrites one b-tree leaf page of `table` (in the middle of the file) with garbage. */
export function corruptPage(file: string, table = 'cadres'): number {
  const db = new BetterSqlite3(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = (db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").all(table) as { pageno: number }[]).map(
    p => p.pageno,
  );
  db.close();
  if (pages.length < 3) throw new Error(`too few pages in ${table} to corrupt one in the middle`);
  const page = pages[Math.floor(pages.length / 2)];
  const garbage = Buffer.alloc(pageSize);
  for (let i = 0; i < pageSize; i++) garbage[i] = (i * 131 + 17) & 0xff;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, garbage, 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
  return page;
}

export function integrityOf(file: string): string {
  const db = new BetterSqlite3(file);
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map(r => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}
