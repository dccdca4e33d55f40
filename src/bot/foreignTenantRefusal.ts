import { ActivityTypes, type InvokeResponse, type TurnContext } from 'botbuilder';
import { cardText } from '../cards/index.js';
import { languageOfLocale } from '../services/i18n/language.js';
import type { Logger } from '../services/logging/logger.js';
import { tenantIdsOf } from './teamsUser.js';

/**
 * The whole turn of an activity from a tenant that is not allowed (issue #6): logged with ids only, and
 * answered where Teams expects an answer — a short message to a message, the same text to a card click,
 * 403 to any other invoke. Installation and conversation updates and other events are ignored. Nothing
 * else runs: no state, no conversation reference, no Partner Center call.
 */
export async function refuseForeignTenant(context: TurnContext, logger: Logger): Promise<void> {
  const { activity } = context;
  logger.warn(
    {
      tenantIds: tenantIdsOf(activity),
      activityType: activity.type,
      ...(activity.name ? { invokeName: activity.name } : {}),
      ...(activity.from?.aadObjectId ? { userOid: activity.from.aadObjectId } : {}),
      conversationType: activity.conversation?.conversationType,
    },
    'activity from a tenant that is not allowed refused',
  );
  // The locale only: the person's remembered language is in user state, which this turn doesn't touch.
  const text = cardText(languageOfLocale(activity.locale)).t('access.foreignTenant');
  if (activity.type === 'message') {
    await context.sendActivity(text);
    return;
  }
  if (activity.type === 'invoke') {
    const response: InvokeResponse =
      activity.name === 'adaptiveCard/action'
        ? {
            status: 200,
            body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
          }
        : { status: 403 };
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
  }
}
