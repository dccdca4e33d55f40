import {
  buildAuditCard,
  buildAuditErasureCard,
  buildCustomerChoiceCard,
  buildMessageCard,
  CardVerb,
  stateText,
  type AdaptiveCard,
} from '../cards/index.js';
import type { AuditErasure } from '../services/audit/auditErasure.js';
import type { AuditExport } from '../services/audit/auditExport.js';
import type { CustomerDirectory } from '../services/customers/customerDirectory.js';
import type { Logger } from '../services/logging/logger.js';
import { finalStates, type MigrationRecord } from '../services/migration/migrationRecord.js';
import type { FlowCaller } from './migrationFlow.js';

/** What the audit conversation needs; `src/index.ts` passes the real services. */
export interface AuditFlowDeps {
  customers: Pick<CustomerDirectory, 'find' | 'lookup'>;
  audit: Pick<AuditExport, 'migrationsOf' | 'linkFor'>;
  erasure: Pick<AuditErasure, 'eraseCustomer'>;
  /**
   * Where people's browsers reach this bot, for the CSV link: `PUBLIC_BASE_URL`, or locally the bot's own
   * address, which is known only once it listens.
   */
  publicBaseUrl(): string;
  linkLifetimeInMs: number;
  logger: Logger;
}

/**
 * "audit X" and "erase audit X" (DESIGN §5 "Audit"): the customer is found as "migrate customer X" finds
 * it (a choice card when the name isn't one customer), then the audit card with a short-lived CSV link,
 * or the erasure's confirmation and outcome. Callers check the role first; the erasure checks again
 * that nothing is running when it is confirmed.
 */
export class AuditFlow {
  constructor(private readonly deps: AuditFlowDeps) {}

  /** "audit X": the customer's audit card, or a choice of customers. */
  async findForAudit(caller: FlowCaller, query: string): Promise<AdaptiveCard> {
    const match = await this.deps.customers.find(query, { correlationId: caller.correlationId });
    if (match.kind === 'exact') return this.auditCard(caller, match.customer.id);
    return buildCustomerChoiceCard({ query, match, verb: CardVerb.chooseAuditCustomer }, caller.text);
  }

  /** The customer's migrations, newest first, each with its events, and a link to the whole CSV. */
  async auditCard(caller: FlowCaller, customerId: string): Promise<AdaptiveCard> {
    const { text } = caller;
    const migrations = await this.deps.audit.migrationsOf(customerId);
    const customerName = await this.nameOf(caller, customerId, migrations);
    if (customerName === undefined) return this.customerNotFound(caller);
    if (migrations.length === 0) return buildAuditCard({ customerName, migrations }, text);
    const link = this.deps.audit.linkFor(customerId, this.deps.publicBaseUrl());
    return buildAuditCard(
      {
        customerName,
        migrations,
        csvUrl: link.url,
        csvLinkMinutes: Math.round(this.deps.linkLifetimeInMs / 60_000),
      },
      text,
    );
  }

  /** "erase audit X": the confirmation card, a refusal while a migration runs, or a choice of customers. */
  async findForErasure(caller: FlowCaller, query: string): Promise<AdaptiveCard> {
    const match = await this.deps.customers.find(query, { correlationId: caller.correlationId });
    if (match.kind === 'exact') return this.erasureCard(caller, match.customer.id);
    return buildCustomerChoiceCard({ query, match, verb: CardVerb.chooseAuditErasureCustomer }, caller.text);
  }

  /** Asks to confirm, unless a migration of the customer is still running or paused. */
  async erasureCard(caller: FlowCaller, customerId: string): Promise<AdaptiveCard> {
    const migrations = await this.deps.audit.migrationsOf(customerId);
    const customerName = await this.nameOf(caller, customerId, migrations);
    if (customerName === undefined) return this.customerNotFound(caller);
    // The erasure checks again on Erase; this spares a confirmation that could only be refused.
    const unfinished = migrations.find((record) => !finalStates.includes(record.state));
    if (unfinished) return this.inProgressCard(caller, customerName, unfinished);
    return buildAuditErasureCard({ customerId, customerName, migrations: migrations.length }, caller.text);
  }

  /** The confirmed erasure: everything recorded about migrating the customer goes, and the log says who. */
  async erase(caller: FlowCaller, customerId: string): Promise<AdaptiveCard> {
    const { text } = caller;
    const customerName = await this.nameOf(
      caller,
      customerId,
      await this.deps.audit.migrationsOf(customerId),
    );
    const shownName = customerName ?? customerId;
    const outcome = await this.deps.erasure.eraseCustomer(customerId);
    if (outcome.kind === 'inProgress') return this.inProgressCard(caller, shownName, outcome.migration);
    this.deps.logger.info(
      {
        customerId,
        customerName: shownName,
        erasedBy: { oid: caller.user.oid, name: caller.user.name },
        migrationIds: outcome.migrationIds,
        approvalRequests: outcome.approvalRequests,
        moveLogs: outcome.moveLogs,
        correlationId: caller.correlationId,
      },
      'audit trail erased on the customer’s request',
    );
    return buildMessageCard({
      title: text.t('audit.erased.title'),
      text: text.t('audit.erased.text', {
        customer: shownName,
        count: text.number(outcome.migrationIds.length),
      }),
    });
  }

  /**
   * The customer's name from the directory, or from its records when Partner Center no longer lists it
   * (its audit trail can still be read and erased); undefined when neither knows the id.
   */
  private async nameOf(
    caller: FlowCaller,
    customerId: string,
    migrations: readonly MigrationRecord[],
  ): Promise<string | undefined> {
    const customer = await this.deps.customers.lookup(customerId, { correlationId: caller.correlationId });
    return customer?.companyName ?? migrations[0]?.customer.companyName;
  }

  private inProgressCard(caller: FlowCaller, customerName: string, migration: MigrationRecord): AdaptiveCard {
    const { text } = caller;
    return buildMessageCard({
      title: text.t('audit.erase.inProgress.title'),
      text: text.t('audit.erase.inProgress.text', {
        customer: customerName,
        state: stateText(text, migration.state),
        reference: migration.id,
      }),
      tone: 'warning',
    });
  }

  private customerNotFound(caller: FlowCaller): AdaptiveCard {
    const { text } = caller;
    return buildMessageCard({
      title: text.t('error.title'),
      text: text.t('error.customerNotFound'),
      tone: 'warning',
    });
  }
}
