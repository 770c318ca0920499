import type { Command } from '../command';
import { backupCommands } from './backup';
import { basicCommands } from './basic';

/** Every CLI command; help and dispatch are generated from this list. */
export const commands: Command[] = [...basicCommands, ...backupCommands];
