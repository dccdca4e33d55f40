/** The cards' public API: builders, their data types, verbs and the text helper. */
export { toAttachment, type AdaptiveCard, type CardAttachment } from './adaptiveCard.js';
export { cardText, localeOfLanguage, type CardText } from './cardText.js';
export * from './cardVerbs.js';
export { buildComparisonCard, type ComparisonCardData } from './comparisonCard.js';
export { buildCustomerChoiceCard, type CustomerChoiceCardData } from './customerChoiceCard.js';
export { buildExpiringListCard, type ExpiringListCardData } from './expiringListCard.js';
export { buildHelpCard, type HelpCardData, type PartnerRoleName } from './helpCard.js';
export { buildMessageCard, type MessageCardData } from './messageCard.js';
export { buildPlanCard, type PlanCardData } from './planCard.js';
export { buildSubscriptionChoiceCard, type SubscriptionChoiceCardData } from './subscriptionChoiceCard.js';
export { buildWelcomeCard, type WelcomeCardData } from './welcomeCard.js';
