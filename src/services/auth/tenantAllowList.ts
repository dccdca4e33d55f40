/**
 * The Entra tenants whose people may use the bot (issue #6 "Tenant allow-list"): the partner's own and any
 * configured in `ALLOWED_TENANT_IDS`. A Teams app can be installed in other organizations, and a Bot
 * Framework token proves only that Teams sent the activity, not from whose tenant; this is that check.
 */
export class TenantAllowList {
  private readonly allowed: ReadonlySet<string>;

  constructor(tenantIds: readonly string[]) {
    this.allowed = new Set(tenantIds.map(normalized));
  }

  /**
   * Whether an activity naming these tenants may be served: it names at least one, and every one it names
   * is allowed (an activity whose conversation and channel data disagree is not trusted with either).
   */
  admits(tenantIds: readonly string[]): boolean {
    return tenantIds.length > 0 && tenantIds.every((id) => this.allowed.has(normalized(id)));
  }
}

function normalized(tenantId: string): string {
  return tenantId.trim().toLowerCase();
}
