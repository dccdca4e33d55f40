import type { MessageKey } from '../services/i18n/messages.js';
import type { CardText } from './cardText.js';

/** A command as the help shows it: what to type, in the reader's language, and what it does. */
export interface CommandLine {
  command: string;
  description: string;
}

/** Catalog keys of the commands, in the order help lists them; `what` is `<key>.what`. */
export const commandKeys = [
  'help.cmd.migrate',
  'help.cmd.expiring',
  'help.cmd.status',
  'help.cmd.pause',
  'help.cmd.cancel',
  'help.cmd.rollBack',
  'help.cmd.audit',
  'help.cmd.eraseAudit',
  'help.cmd.approvalsChannel',
  'help.cmd.subscribeReminders',
  'help.cmd.showReminders',
  'help.cmd.checkNow',
  'help.cmd.unsubscribeReminders',
  'help.cmd.signOut',
  'help.cmd.language',
  'help.cmd.help',
] as const satisfies readonly MessageKey[];

/** One command's line. */
export function commandLine(text: CardText, key: (typeof commandKeys)[number]): CommandLine {
  return { command: text.t(key), description: text.t(`${key}.what`) };
}
