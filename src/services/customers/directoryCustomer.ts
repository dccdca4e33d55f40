import type { Customer } from '../partner-center/models.js';

/** What the directory keeps of each customer: enough to name, find and route to it, nothing more. */
export interface DirectoryCustomer {
  id: string;
  companyName: string;
  domain: string;
  /** ISO country of the billing address (the customer's market), when Partner Center returns it. */
  country?: string;
}

/** Keeps only the directory's fields, so 10,000 cached customers stay a few megabytes at most. */
export function toDirectoryCustomer(customer: Customer): DirectoryCustomer {
  const country = customer.billingProfile?.defaultAddress?.country;
  return {
    id: customer.id,
    companyName: customer.companyProfile.companyName,
    domain: customer.companyProfile.domain,
    ...(country ? { country: country.toUpperCase() } : {}),
  };
}
