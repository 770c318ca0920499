/**
 * SQLite and file-system failures in words a clerk can act on. The dispatcher and
 * the CLI show these instead of raw SQLite or Node text; a failed write has rolled
 * back, so each says that nothing was changed.
 */
import { AppError } from '../../../shared/contract/errors';

const UNCHANGED = '数据未被修改';

/** The Chinese error for a known system failure, or null for anything else. */
export function systemError(err: unknown): AppError | null {
  const code = String((err as { code?: unknown })?.code ?? '');
  const raw = String((err as Error)?.message ?? '');
  const details = { code, message: raw };
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return new AppError('BUSY', `另一个程序（如命令行导入或另一个窗口）正在写入数据，请稍后再试；${UNCHANGED}。`, details);
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new AppError('STORAGE', `磁盘空间不足：数据所在的磁盘已满，请清理后重试；${UNCHANGED}。`, details);
  }
  if (/^SQLITE_READONLY/.test(code) || code === 'EROFS') {
    return new AppError('STORAGE', `数据文件或其所在磁盘是只读的，无法保存：请检查文件属性或换一个文件夹（--data-dir）；${UNCHANGED}。`, details);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || /^SQLITE_CANTOPEN/.test(code)) {
    return new AppError('STORAGE', `没有权限读写数据文件或其所在文件夹：请检查权限，或用 --data-dir 换一个文件夹；${UNCHANGED}。`, details);
  }
  // mkdir answers EEXIST when a file stands where the folder should be.
  const fileForFolder = code === 'EEXIST' && (err as { syscall?: string }).syscall === 'mkdir';
  if (code === 'ENOTDIR' || code === 'EISDIR' || fileForFolder) {
    return new AppError('STORAGE', `数据文件夹的位置被一个同名文件占用（或反之），请改名后重试，或用 --data-dir 换一个文件夹；${UNCHANGED}。`, details);
  }
  if (/^SQLITE_IOERR/.test(code) || code === 'EIO') {
    return new AppError('STORAGE', `读写磁盘出错，请检查磁盘（如 U 盘是否已拔出）后重试；${UNCHANGED}。`, details);
  }
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
    return new AppError('STORAGE', '数据文件已损坏，请在“数据与备份”中从备份恢复。', details);
  }
  return null;
}
