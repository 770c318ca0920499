/** What other areas, the start-up sequence and the CLI use of backups: snapshots, checks and recovery. */
export {
  backupDirOf,
  backupToFile,
  cleanDataTemp,
  dataTempDir,
  findRecoverySnapshot,
  networkWarning,
  quickCheck,
  recoverFromSnapshot,
  restoreFrom,
  samePath,
  setBackupDir,
  shownTime,
  snapshotOnExit,
  snapshotOnStart,
  takeSnapshot,
  validateDatabaseFile,
} from './backup';
