/**
 * The four E4 replacement options and their feature matrix, as the E4 migration guide defines them
 * (DESIGN §1). Data only: the text people read comes from the message catalogs, keyed by these names.
 */

/** Option numbers as the guide numbers them. */
export const OptionNumber = {
  /** Office 365 E5 (Microsoft 365 E5 may stand in). */
  e5: 1,
  /** Office 365 E3 + Skype for Business Cloud PBX (sold today as Teams Phone Standard). */
  e3WithCloudPbx: 2,
  /** Office 365 E3 + Skype for Business Plus CAL: the guide's price and feature match for E4. */
  e3WithPlusCal: 3,
  /** Office 365 E3 alone. */
  e3: 4,
} as const;
export type OptionNumber = (typeof OptionNumber)[keyof typeof OptionNumber];

/** Every option, in the order the comparison shows them. */
export const optionNumbers: readonly OptionNumber[] = [1, 2, 3, 4];

/** The option the guide calls the price and feature match for E4. */
export const parityOption: OptionNumber = OptionNumber.e3WithPlusCal;

/** Rows of the feature matrix, as message-catalog keys. */
export const FeatureKey = {
  allE4Features: 'allE4Features',
  phoneNumbersInOffice365: 'phoneNumbersInOffice365',
  hybridPhoneNumbers: 'hybridPhoneNumbers',
  pstnCallingPlan: 'pstnCallingPlan',
  pstnConferencing: 'pstnConferencing',
  advancedCollaborationAnalyticsSecurity: 'advancedCollaborationAnalyticsSecurity',
  interactiveReports: 'interactiveReports',
  dataSecurityCompliance: 'dataSecurityCompliance',
} as const;
export type FeatureKey = (typeof FeatureKey)[keyof typeof FeatureKey];

/** Feature rows in the guide's order. */
export const featureKeys: readonly FeatureKey[] = Object.values(FeatureKey);

/** One option's column of the matrix. */
export type FeatureRow = Readonly<Record<FeatureKey, boolean>>;

// Columns are written out in full (rather than derived) so each one reads like the guide's table.
const matrix: Readonly<Record<OptionNumber, FeatureRow>> = {
  1: {
    allE4Features: true,
    phoneNumbersInOffice365: true,
    hybridPhoneNumbers: true,
    pstnCallingPlan: true,
    pstnConferencing: true,
    advancedCollaborationAnalyticsSecurity: true,
    interactiveReports: true,
    dataSecurityCompliance: true,
  },
  2: {
    allE4Features: true,
    phoneNumbersInOffice365: true,
    hybridPhoneNumbers: true,
    pstnCallingPlan: true,
    pstnConferencing: false,
    advancedCollaborationAnalyticsSecurity: false,
    interactiveReports: false,
    dataSecurityCompliance: false,
  },
  3: {
    allE4Features: true,
    phoneNumbersInOffice365: false,
    hybridPhoneNumbers: false,
    pstnCallingPlan: false,
    pstnConferencing: false,
    advancedCollaborationAnalyticsSecurity: false,
    interactiveReports: false,
    dataSecurityCompliance: false,
  },
  4: {
    allE4Features: false,
    phoneNumbersInOffice365: false,
    hybridPhoneNumbers: false,
    pstnCallingPlan: false,
    pstnConferencing: false,
    advancedCollaborationAnalyticsSecurity: false,
    interactiveReports: false,
    dataSecurityCompliance: false,
  },
};

/** The feature column of an option. */
export function featuresOf(option: OptionNumber): FeatureRow {
  return matrix[option];
}

/** True when the option keeps everything E4 gave (options 1–3). */
export function keepsAllE4Features(option: OptionNumber): boolean {
  return matrix[option].allE4Features;
}

/** Narrows a number (from a card or a command) to an option number. */
export function isOptionNumber(value: unknown): value is OptionNumber {
  return value === 1 || value === 2 || value === 3 || value === 4;
}
