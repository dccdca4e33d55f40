import type { CardText } from '../cards/index.js';
import type { PartnerIdentity } from '../services/auth/partnerIdentity.js';
import type { Logger } from '../services/logging/logger.js';

/**
 * The person a turn acts for, as the bot layer established it: their Partner Center identity (roles,
 * or why they must sign in), the language to answer in, and the ids that tie logs and cards together.
 */
export interface TurnActor {
  identity: PartnerIdentity;
  text: CardText;
  /** One per turn: on every Partner Center call (MS-CorrelationId) and log line of the turn. */
  correlationId: string;
  /** The turn's logger, bound to its correlation id: refusals are logged where they are decided. */
  logger: Logger;
  /** The Teams conversation the turn came from. */
  conversationId: string;
  /** `personal`, `groupChat` or `channel`. */
  conversationType: string;
  /** The channel's or chat's name when Teams gives one (to say where approvals go). */
  conversationName?: string;
  /**
   * In a team channel, the channel itself (every post there is its own conversation, `…;messageid=…`):
   * what channel-wide settings such as reminders are kept under.
   */
  channelId?: string;
}
