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
import { actorOf, callerOf } from './turnActorState.js';

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
    const caller = callerOf(actor);
    const query = String(step.result).trim();
    try {
      const card = caller ? await this.flow.findCustomer(caller, query) : undefined;
      if (card) await step.context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    } catch (error) {
      await step.context.sendActivity(
        MessageFactory.attachment(
          CardFactory.adaptiveCard(cardForError(error, actor.text, actor.correlationId)),
        ),
      );
    }
    return step.endDialog();
  }
}
