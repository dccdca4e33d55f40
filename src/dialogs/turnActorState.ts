import type { TurnContext } from 'botbuilder';
import type { TurnActor } from './turnActor.js';

/** Where the bot layer leaves the turn's actor for dialog steps, which only receive the context. */
const actorKey = Symbol('e4.turnActor');

export function setActor(context: TurnContext, actor: TurnActor): void {
  context.turnState.set(actorKey, actor);
}

/** @throws Error when the bot layer didn't set one: a wiring bug, not a user error. */
export function actorOf(context: TurnContext): TurnActor {
  const actor = context.turnState.get<TurnActor | undefined>(actorKey);
  if (!actor) throw new Error('No turn actor: the bot must set one before running dialogs.');
  return actor;
}
