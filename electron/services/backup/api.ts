/** What other areas, the start-up sequence and the CLI use of backups: snapshots, checks and recovery. */
export {
  backupToFile,
  cleanDataTemp,
  dataTempDir,
  findRecoverySnapshot,
  networkWarning,
  quickCheck,
  recoverFromSnapshot,
  restoreFrom,
  samePath,
  shownTime,
  snapshotOnExit,
  snapshotOnStart,
  takeSnapshot,
  validateDatabaseFile,
} from './backup';
