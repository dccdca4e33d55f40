import { CardFactory, MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { cardForError } from './errorCards.js';
import type { MigrationFlow } from './migrationFlow.js';
import type { AdaptiveCard } from '../cards/index.js';
import { PartnerAction } from '../services/auth/permissions.js';
import { authorize } from './access.js';
import { actorOf } from './turnActorState.js';

const promptId = 'customerName';
const waterfallId = 'askCustomerSteps';

/**
 * "migrate customer" without a name: asks which customer, then carries on as if the name had been typed
 * with the command. The answer may be answered by a choice card; the conversation ends here either way,
 * and the card's buttons carry it on.
 */
export class AskCustomerDialog extends ComponentDialog {
  static readonly id = 'askCustomer';

  constructor(private readonly flow: Pick<MigrationFlow, 'findCustomer'>) {
    super(AskCustomerDialog.id);
    this.addDialog(
      new TextPrompt(promptId, (prompt) => Promise.resolve(prompt.recognized.value?.trim() !== '')),
    );
    this.addDialog(new WaterfallDialog(waterfallId, [this.ask.bind(this), this.find.bind(this)]));
    this.initialDialogId = waterfallId;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { text } = actorOf(step.context);
    return step.prompt(promptId, { prompt: MessageFactory.text(text.t('ask.customer')) });
  }

  private async find(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const actor = actorOf(step.context);
    // Checked again on the answer's turn: roles are the ones the person holds now (DESIGN §11).
    const access = authorize(actor, PartnerAction.plan);
    let card: AdaptiveCard;
    try {
      card = access.allowed
        ? await this.flow.findCustomer(access.caller, String(step.result).trim())
        : access.card;
    } catch (error) {
      card = cardForError(error, actor.text, actor.correlationId);
    }
    await step.context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    return step.endDialog();
  }
}
