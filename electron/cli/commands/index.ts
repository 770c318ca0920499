import type { Command } from '../command';
import { auditCommands } from './audit';
import { backupCommands } from './backup';
import { basicCommands } from './basic';
import { exportCommands } from './export';
import { importCommands } from './import';
import { secondmentCommands } from './secondment';
import { assessmentCommands } from './assessment';
import { reminderCommands } from './reminders';
import { unitCommands } from './units';
import { eventCommands } from './events';
import { statsCommands } from './stats';
import { settingsCommands } from './settings';
import { packageCommands } from './package';

/** Every CLI command; help and dispatch are generated from this list. */
export const commands: Command[] = [
  ...basicCommands,
  ...backupCommands,
  ...exportCommands,
  ...importCommands,
  ...secondmentCommands,
  ...statsCommands,
  ...assessmentCommands,
  ...auditCommands,
  ...settingsCommands,
  ...reminderCommands,
  ...unitCommands,
  ...eventCommands,
  ...packageCommands,
];
