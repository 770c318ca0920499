/** What other areas, the start-up sequence and the CLI use of backups: snapshots, checks and recovery. */
export {
  backupToFile,
  findRecoverySnapshot,
  networkWarning,
  quickCheck,
  recoverFromSnapshot,
  restoreFrom,
  shownTime,
  snapshotOnExit,
  snapshotOnStart,
  takeSnapshot,
  validateDatabaseFile,
} from './backup';
