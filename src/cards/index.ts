/** The cards' public API: builders, their data types, verbs and the text helper. */
export { toAttachment, type AdaptiveCard, type CardAttachment } from './adaptiveCard.js';
export { cardText, localeOfLanguage, type CardText } from './cardText.js';
export { buildApprovalCard, rejectReasonMaxLength, type ApprovalCardData } from './approvalCard.js';
export { buildApprovalOutcomeCard, type ApprovalOutcomeCardData } from './approvalOutcomeCard.js';
export { buildAuditCard, eventText, type AuditCardData } from './auditCard.js';
export { buildAuditErasureCard, type AuditErasureCardData } from './auditErasureCard.js';
export * from './cardVerbs.js';
export { buildComparisonCard, type ComparisonCardData } from './comparisonCard.js';
export { buildCustomerChoiceCard, type CustomerChoiceCardData } from './customerChoiceCard.js';
export { buildExpiringListCard, type ExpiringListCardData } from './expiringListCard.js';
export { buildHelpCard, type HelpCardData, type PartnerRoleName } from './helpCard.js';
export { buildMessageCard, type MessageCardData } from './messageCard.js';
export { buildMigrationStatusCard, type MigrationStatusCardData } from './migrationStatusCard.js';
export { instantText, reasonText, stateText } from './migrationText.js';
export { buildPlanCard, type PlanCardData } from './planCard.js';
export { buildProgressCard, type ProgressCardData } from './progressCard.js';
export { buildSubscriptionChoiceCard, type SubscriptionChoiceCardData } from './subscriptionChoiceCard.js';
export { buildWelcomeCard, type WelcomeCardData } from './welcomeCard.js';
